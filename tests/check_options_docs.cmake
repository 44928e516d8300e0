# Fails when the options table in docs/configuration.md (between the options:begin and
# options:end markers) differs from `kernkompas options --markdown`. Rows of the tests'
# demonstration family (registered only in KK_DEMO_FAMILY builds) are not documented.
execute_process(COMMAND ${CLI} options --markdown OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "kernkompas options --markdown failed (${rc})")
endif()
string(REGEX REPLACE "\\| `demo\\.[^\n]*\n" "" generated "${generated}")
file(READ ${DOC} doc)
string(FIND "${doc}" "<!-- options:begin -->\n" begin)
string(FIND "${doc}" "<!-- options:end -->" end)
if(begin EQUAL -1 OR end EQUAL -1)
  message(FATAL_ERROR "${DOC} lacks the options:begin/options:end markers")
endif()
math(EXPR begin "${begin} + 23")
math(EXPR length "${end} - ${begin}")
string(SUBSTRING "${doc}" ${begin} ${length} documented)
if(NOT documented STREQUAL generated)
  message(FATAL_ERROR "docs/configuration.md's options table differs from the engine's option tables.\n"
                      "Regenerate it with `kernkompas options --markdown`.\nDocumented:\n${documented}\nEngine:\n${generated}")
endif()
