// Change in vacancy between two dated registers (snapshots t0 → t1) of the same area, with
// units matched by id.
#pragma once

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/table.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/data/location_layer.hpp"

namespace kk::vacancy {

// Per kern, rows aligned with kk::indicators::basic_indicators (kernen in layer order, then
// buitengebied; no key columns). Units are matched by id:
//   opened        id in t1, not in t0 — counted in its t1 kern
//   closed        id in t0, not in t1 — counted in its t0 kern
//   newly_vacant  occupied at t0, vacant at t1 — counted in its t1 kern
//   re_occupied   vacant at t0, occupied at t1 — counted in its t1 kern
//   still_vacant  vacant at both — counted in its t1 kern
// A unit with an unknown status at either date takes part in no transition (it can still be
// opened or closed). A unit that moved to another kern counts its transition in the t1 kern.
// Columns: n_units_t0, n_units_t1, n_vacant_t0, n_vacant_t1 (units with a known status in
// each register's own kern), opened, closed, newly_vacant, re_occupied, still_vacant,
// rate_t0, rate_t1 (vacancy_rate_units of each register), rate_change_pp
// (100 · (rate_t1 − rate_t0), percentage points; empty when either rate is).
// Throws kk::InputError (kDuplicateId) when an id occurs twice in one snapshot and
// (kBadValue) when a location has an empty id, naming the snapshot by its date and the
// records; kk::Error (kInvalidArgument) when an assignment does not match its locations.
Table vacancy_change(const KernLayer& kernen, const LocationLayer& before,
                     const assign::Assignment& before_assignment, const LocationLayer& after,
                     const assign::Assignment& after_assignment);

// The same columns in one row for the whole area.
Table vacancy_change_total(const LocationLayer& before, const LocationLayer& after);

}  // namespace kk::vacancy
