#!/usr/bin/env python3
"""The bookkeeping half of scripts/mutation.sh: which mutants to test, and the report.

  mutation_plan.py plan MUTANT_DIR OUT.tsv --sample N --seed S SOURCE...
      Pairs every universalmutator mutant in MUTANT_DIR with its source file, finds the one
      line it changes, and writes the (optionally sampled) list to OUT.tsv:
      id, source, mutant file, line, original text, mutated text.
  mutation_plan.py report PLAN.tsv RESULTS.tsv EXCUSE_FILE OUT_STEM --seed S --sample N
      Writes OUT_STEM.json and OUT_STEM.md (scores, each survivor with its diff) and exits 1
      when a mutant survived that EXCUSE_FILE does not list.

An excuse line reads `path:line: mutated line` (the mutated line with surrounding
whitespace trimmed); `#` starts a comment. See docs/testing.md.
"""

import argparse
import collections
import difflib
import json
import pathlib
import random
import re
import sys


def changed_line(original_lines, mutant_lines):
    """1-based line number, original and mutated text of the one line a mutant changes."""
    matcher = difflib.SequenceMatcher(a=original_lines, b=mutant_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            before = "\n".join(original_lines[i1:i2]) if i2 > i1 else ""
            after = "\n".join(mutant_lines[j1:j2]) if j2 > j1 else "(line deleted)"
            return i1 + 1, before, after
    return 0, "", ""


def code_of(line):
    """A line without its comments and with whitespace collapsed (strings left alone)."""
    out, quote, k = [], None, 0
    while k < len(line):
        c = line[k]
        if quote:
            out.append(c)
            if c == "\\" and k + 1 < len(line):
                out.append(line[k + 1])
                k += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            out.append(c)
        elif line.startswith("//", k):
            break
        elif line.startswith("/*", k):
            end = line.find("*/", k + 2)
            if end < 0:
                break
            k = end + 1
        else:
            out.append(c)
        k += 1
    return " ".join("".join(out).split())


# Mutated text that cannot compile: universalmutator is language-agnostic and rewrites
# template brackets (std::vector>=double>), digits inside names (uint(64+1)_t, uint0_t),
# literals (0.(0-1)) and operators (%+i, !==). Dropping these before the build saves a
# compile each; they would be build failures, which are not counted anyway.
CANNOT_COMPILE = re.compile(
    r"\d\.\(|\)\.\d"                           # 0.(0-1), (0+1).0
    r"|[!<>=]=="                                 # !==, <==, ===
    r"|[%*/]\+[A-Za-z_]|\+[%*/]|-/(?!\*)"        # %+i, +*i, -/
    r"|(?:=|\(|\breturn|,)\s*[%/*](?![*/])\s*[\w(]"  # x = %1, return /1
    r"|--\d|\+\+\d"                              # --1
    r"|\w\(\d+[-+]1\)\w"                          # uint(64+1)_t
    r"|[\])\w]\s*\((?:0==1|1==1)\)"               # f(x) (0==1), a[i] (0==1)
    r'|"\s*[-*/%]\s*[\w(]|[\w)]\s*[-*/%]\s*"'       # "text" * x, x % "text"
)
INTEGER_TYPE = re.compile(r"\bu?int(\d+)_t\b")
TEMPLATE = re.compile(r"\b(?:static_cast|reinterpret_cast|vector|pair|span|array|optional|numeric_limits|"
                      r"max|min|function|atomic|unique_ptr|tuple|map|set|unordered_map|template)\s*<[\w:, ]*>")


def balance(code):
    return tuple(code.count(a) - code.count(b) for a, b in ("()", "[]", "{}"))


def cannot_compile(before, after):
    code_before, code_after = code_of(before), code_of(after)
    if balance(code_before) != balance(code_after):
        return True
    if CANNOT_COMPILE.search(code_after) and not CANNOT_COMPILE.search(code_before):
        return True
    if any(bits not in ("8", "16", "32", "64") for bits in INTEGER_TYPE.findall(code_after)):
        return True
    # A template argument list the mutant broke (commenting out the whole line is fine).
    kept = collections.Counter(TEMPLATE.findall(code_after))
    return code_after != "" and any(kept[t] < k for t, k in collections.Counter(TEMPLATE.findall(code_before)).items())


LOOP_HEAD = re.compile(r"\b(?:for|while|do|switch)\b")


def inside_loop(lines):
    """For each 1-based line: whether it lies inside a loop or switch body (by braces)."""
    stack, flags, pending = [], [False], False
    for text in lines:
        code = code_of(text)
        flags.append(any(stack))
        pending = pending or bool(LOOP_HEAD.search(code))
        for c in code:
            if c == "{":
                stack.append(pending)
                pending = False
            elif c == "}" and stack:
                stack.pop()
        if code.endswith(";"):
            pending = False
    return flags


def mutants_of(source, mutant_dir):
    stem, suffix = source.stem, source.suffix
    found = []
    for path in mutant_dir.glob(f"{stem}.mutant.*{suffix}"):
        middle = path.name[len(stem) + len(".mutant."):-len(suffix)]
        if middle.isdigit():
            found.append((int(middle), path))
    return [path for _, path in sorted(found)]


def plan(args):
    rows, skipped, broken = [], 0, 0
    for source in map(pathlib.Path, args.sources):
        original = source.read_text().splitlines()
        in_loop = inside_loop(original)
        for mutant in mutants_of(source, pathlib.Path(args.mutant_dir) / source.as_posix().replace("/", "__")):
            line, before, after = changed_line(original, mutant.read_text().splitlines())
            if line == 0 or code_of(before) == code_of(after):
                skipped += 1  # only a comment or whitespace changed: nothing to test
                continue
            if cannot_compile(before, after) or (after.strip() in ("break;", "continue;") and not in_loop[min(line, len(in_loop) - 1)]):
                broken += 1
                continue
            # "(blank)" keeps the TSV's fields apart for `read` in bash, which merges empty ones.
            rows.append([source.as_posix(), str(mutant), str(line), before.strip() or "(blank)",
                         after.strip() or "(blank)"])
    total = len(rows)
    if args.sample > 0:
        # The whole list in a seeded random order: mutation.sh tests from the top until
        # --sample mutants have built and run (build failures do not count).
        random.Random(args.seed).shuffle(rows)
    with open(args.out, "w") as out:
        for k, row in enumerate(rows):
            out.write("\t".join([str(k), *(field.replace("\t", " ") for field in row)]) + "\n")
    print(f"{total} mutants; left out: {skipped} that change only a comment or whitespace, "
          f"{broken} that cannot compile", file=sys.stderr)
    return 0


def read_tsv(path):
    with open(path) as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def read_excuses(path):
    excuses = set()
    if not path or not pathlib.Path(path).is_file():
        return excuses
    for raw in pathlib.Path(path).read_text().splitlines():
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        source, line, mutated = text.split(":", 2)
        excuses.add((source.strip(), int(line), " ".join(mutated.split())))
    return excuses


def report(args):
    plan_rows = {row[0]: row for row in read_tsv(args.plan)}
    results = {row[0]: row for row in read_tsv(args.results)}
    excuses = read_excuses(args.excuse)
    counts = {"killed": 0, "survived": 0, "excused": 0, "timeout": 0, "build_failure": 0}
    survivors, excused = [], []
    for key, (_, source, mutant, line, before, after) in plan_rows.items():
        if key not in results:
            continue
        status, seconds = results[key][1], float(results[key][2])
        entry = {"source": source, "line": int(line), "original": before, "mutated": after,
                 "mutant": mutant, "seconds": seconds}
        if status == "survived" and (source, int(line), " ".join(after.split())) in excuses:
            status = "excused"
            excused.append(entry)
        elif status == "survived":
            survivors.append(entry)
        counts[status] += 1
    tested = counts["killed"] + counts["survived"] + counts["excused"] + counts["timeout"]
    # Timeouts count as killed (the mutant made the tests hang); build failures are not mutants.
    killed = counts["killed"] + counts["timeout"]
    score = killed / tested if tested else float("nan")
    score_excusing = (killed + counts["excused"]) / tested if tested else float("nan")
    summary = {"target": args.target, "seed": args.seed, "sample": args.sample,
               "planned": len(plan_rows), "run": len(results), "tested": tested, **counts,
               "score": score, "score_with_equivalents": score_excusing,
               "survivors": survivors, "excused_mutants": excused}
    stem = pathlib.Path(args.out_stem)
    stem.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n")
    lines = [f"# Mutation report: {args.target}", "",
             f"Sample {args.sample or 'all'} (seed {args.seed}); {len(results)} of {len(plan_rows)} planned mutants run.", "",
             "| tested | killed | timeout | survived | excused (equivalent) | build failures | score | score counting equivalents |",
             "|---|---|---|---|---|---|---|---|",
             f"| {tested} | {counts['killed']} | {counts['timeout']} | {counts['survived']} | {counts['excused']} "
             f"| {counts['build_failure']} | {score:.1%} | {score_excusing:.1%} |", ""]
    for title, entries in (("Unexcused survivors", survivors), ("Excused survivors", excused)):
        lines += [f"## {title}", ""]
        if not entries:
            lines += ["none", ""]
        for e in entries:
            lines += [f"- `{e['source']}:{e['line']}: {e['mutated']}`", "", "  ```diff",
                      f"  - {e['original']}", f"  + {e['mutated']}", "  ```", ""]
    stem.with_suffix(".md").write_text("\n".join(lines))
    print("\n".join(lines[4:7]))
    for e in survivors:
        print(f"SURVIVED {e['source']}:{e['line']}: {e['original']}  ==>  {e['mutated']}")
    return 1 if survivors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("plan")
    p.add_argument("mutant_dir")
    p.add_argument("out")
    p.add_argument("sources", nargs="+")
    p.add_argument("--sample", type=int, default=0)
    p.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("report")
    r.add_argument("plan")
    r.add_argument("results")
    r.add_argument("excuse")
    r.add_argument("out_stem")
    r.add_argument("--target", default="")
    r.add_argument("--sample", type=int, default=0)
    r.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    return plan(args) if args.command == "plan" else report(args)


if __name__ == "__main__":
    sys.exit(main())
