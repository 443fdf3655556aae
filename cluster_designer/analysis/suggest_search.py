"""The greedy search behind `suggest` (suggest.py): candidates, exact tries, and on big
designs a narrower choice of which ties to try. Every gain is still computed exactly; only
*which* ties are tried may be narrowed (see `ROBUSTNESS_EXACT_WORK` and
docs/reference/analyses.md):

- `robustness` (degree-attack robustness of R): every candidate is tried while that costs
  less than `ROBUSTNESS_EXACT_WORK`. Above it, the search scores each actor by how long it
  survives the attack in how large a group, keeps the best-scored actors, estimates the
  gain of every tie among them as if the attack order did not change (merging the two
  groups at each step both survive), and tries exactly the best estimates plus a few
  random candidates.
- `spread` (`region_reached_share` of the cascade): a tie can only raise it when it joins a
  reached actor u to an unreached one v that one more reached partner would tip over the
  threshold ((m+1)/(k+1) ≥ θ); every other tie keeps or lowers the reach, so only those
  are tried — all of them while cheap, else the best few u for every v.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from .network import DesignGraph
from .resilience import degree_attack_order, robustness_of
from .results import Cancelled
from .spread import TOLERANCE, cascade_rounds
from .suggest_attack import group_snapshots, jump_distances, survival_scores

GAIN_EPSILON = 1e-12

# Exact search while candidates × (region actors + region ties) stays under this per pick
# (about a second on the reference machine); above it the robustness heuristic runs.
ROBUSTNESS_EXACT_WORK = 1_500_000
# The heuristic's exact tries per pick (about 0.5 s at 1,000 actors): the best estimated
# merges among the HEURISTIC_ACTORS best-scored actors; a partner each for the
# HEURISTIC_JUMPERS actors one more partner would move forward most in the attack and the
# first HEURISTIC_MOVERS actors of the attack; random candidates; then HEURISTIC_PARTNERS
# more partners for both ends of the HEURISTIC_REFINED best ties found.
HEURISTIC_ACTORS = 80
HEURISTIC_MERGES = 32
HEURISTIC_JUMPERS = 60
HEURISTIC_MOVERS = 80
HEURISTIC_RANDOM = 8
HEURISTIC_REFINED = 3
HEURISTIC_PARTNERS = 8
HEURISTIC_SEED = 20240611
# With `touching`: partners tried for each of the best-scored touched actors.
HEURISTIC_TOUCHED = 20
HEURISTIC_TOUCHED_PARTNERS = 24
# Spread: exact while candidates × (actors + ties) stays under this; else the best few u per v.
SPREAD_EXACT_WORK = 3_000_000
SPREAD_PARTNERS_PER_ACTOR = 3

Progress = Callable[[float], None]

Pick = tuple[int, int, float, float]  # actor numbers (first by name), gain, goal after


class Search:
    """The greedy search over one design; the graph it changes is its own copy."""

    def __init__(
        self,
        graph: DesignGraph,
        touching: Sequence[str],
        exclude: Sequence[str],
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.graph = graph
        self.cancelled = cancelled
        self.members, self.region_adj = graph.region_adjacency()
        self.local = {v: i for i, v in enumerate(self.members)}
        self.adj = [list(p) for p in graph.neighbours]
        self.partners = [set(p) for p in graph.neighbours]
        excluded = {graph.index[a] for a in exclude}
        self.allowed = [v for v in self.members if v not in excluded]
        self.touch = {graph.index[a] for a in touching}

    # --- candidates ------------------------------------------------------------------
    def is_candidate(self, u: int, v: int) -> bool:
        g = self.graph
        return (
            u != v
            and g.sectors[u] != g.sectors[v]
            and v not in self.partners[u]
            and (not self.touch or u in self.touch or v in self.touch)
        )

    def candidate_count(self) -> int:
        """Candidate ties now, counted without listing them."""
        sectors = self.graph.sectors

        def cross_pairs(actors: Sequence[int]) -> int:
            by: dict[str, int] = {}
            for v in actors:
                by[sectors[v]] = by.get(sectors[v], 0) + 1
            total = len(actors)
            return (total * total - sum(c * c for c in by.values())) // 2

        allowed = set(self.allowed)
        pairs = cross_pairs(self.allowed)
        if self.touch:
            pairs -= cross_pairs([v for v in self.allowed if v not in self.touch])
        for u in self.allowed:
            for v in self.partners[u]:
                if (
                    u < v
                    and v in allowed
                    and sectors[u] != sectors[v]
                    and (not self.touch or u in self.touch or v in self.touch)
                ):
                    pairs -= 1
        return pairs

    def candidates(self) -> list[tuple[int, int]]:
        """Every candidate tie (u before v by name, then id), in that order."""
        allowed = sorted(self.allowed)
        found = []
        for i, u in enumerate(allowed):
            for v in allowed[i + 1 :]:
                if self.is_candidate(u, v):
                    found.append((u, v))
        return found

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled

    def add(self, u: int, v: int) -> None:
        self.adj[u].append(v)
        self.adj[v].append(u)
        self.partners[u].add(v)
        self.partners[v].add(u)
        if u in self.local and v in self.local:
            self.region_adj[self.local[u]].append(self.local[v])
            self.region_adj[self.local[v]].append(self.local[u])

    # --- robustness ------------------------------------------------------------------
    def robustness_with(self, u: int, v: int) -> float:
        a, b = self.local[u], self.local[v]
        adj = self.region_adj
        adj[a].append(b)
        adj[b].append(a)
        try:
            value = robustness_of(adj)
        finally:
            adj[a].pop()
            adj[b].pop()
        return 0.0 if value is None else value

    def robustness(
        self, k: int, method: str, progress: Progress | None
    ) -> tuple[list[Pick], float | None, float | None, str, int]:
        before = robustness_of(self.region_adj)
        current = 0.0 if before is None else before
        work = len(self.region_adj) + sum(len(a) for a in self.region_adj) // 2
        picks: list[Pick] = []
        used = "exact"
        first_count = self.candidate_count()
        for step in range(k):
            count = first_count if step == 0 else self.candidate_count()
            if count == 0:
                break
            exact = method == "exact" or (
                method == "auto" and count * max(work, 1) <= ROBUSTNESS_EXACT_WORK
            )
            if step == 0 and not exact:
                used = "heuristic"

            def report(done: int, total: int, step: int = step) -> None:
                if progress is not None:
                    progress((step + done / max(total, 1)) / k)

            if exact:
                best = self._best(self.candidates(), current, self.robustness_with, report)
            else:
                best = self._robustness_heuristic(current, report)
            if best is None:
                break
            u, v, value = best
            picks.append((u, v, value - current, value))
            current = value
            self.add(u, v)
        if progress is not None:
            progress(1.0)
        after = None if before is None else current
        return picks, before, after, used, first_count

    def _best(
        self,
        tried: Sequence[tuple[int, int]],
        current: float,
        value_with: Callable[[int, int], float],
        report: Callable[[int, int], None],
    ) -> tuple[int, int, float] | None:
        """The tried tie raising the goal most (equal gains: first by name); None if none does."""
        best: tuple[int, int, float] | None = None
        for number, (u, v) in enumerate(tried):
            if number % 16 == 0:
                self.check()
                report(number, len(tried))
            value = value_with(u, v)
            if value <= current + GAIN_EPSILON:
                continue
            if (
                best is None
                or value > best[2] + GAIN_EPSILON
                or (abs(value - best[2]) <= GAIN_EPSILON and (u, v) < best[:2])
            ):
                best = (u, v, value)
        return best

    def _robustness_heuristic(
        self, current: float, report: Callable[[int, int], None]
    ) -> tuple[int, int, float] | None:
        """The best of the ties worth trying on a big design (see the module's docstring)."""
        adj = self.region_adj
        order = degree_attack_order(adj)
        score = survival_scores(adj, order)
        members = self.members
        allowed = [self.local[v] for v in self.allowed]
        firsts = [a for a in allowed if not self.touch or members[a] in self.touch]
        by_score = sorted(allowed, key=lambda a: (-score[a], a))
        first_set = set(firsts)
        touch_by_score = [a for a in by_score if a in first_set]

        def pair(a: int, b: int) -> tuple[int, int] | None:
            u, v = sorted((members[a], members[b]))
            return (u, v) if self.is_candidate(u, v) else None

        def partners_of(a: int, count: int) -> list[tuple[int, int]]:
            """Ties from `a` to the best-scored actors it may be tied to."""
            ranking = by_score if (not self.touch or members[a] in self.touch) else touch_by_score
            found = []
            for b in ranking:
                tie = pair(a, b)
                if tie is not None:
                    found.append(tie)
                    if len(found) == count:
                        break
            return found

        # 1. Ties that join groups the attack separates, by the fixed-order estimate.
        tried = self._merge_estimates(order, score, firsts, by_score)[:HEURISTIC_MERGES]
        # 2. A tie changes the attack's order: an actor with one more partner is removed
        #    sooner. Try that for the actors it would move forward most and for those the
        #    attack reaches first, each with its best-scored partner.
        position = {a: i for i, a in enumerate(order)}
        jumps = jump_distances(adj, order)
        movers = sorted(allowed, key=lambda a: (-jumps[a], position[a]))[:HEURISTIC_JUMPERS]
        movers += sorted(allowed, key=lambda a: position[a])[:HEURISTIC_MOVERS]
        for a in dict.fromkeys(movers):
            tried.extend(partners_of(a, 1))
        # With `touching`, every tie has one end among those actors: their best-scored
        #    partners are tried too (the merges above rank only a few of them).
        if self.touch:
            for a in sorted(firsts, key=lambda a: (-score[a], a))[:HEURISTIC_TOUCHED]:
                tried.extend(partners_of(a, HEURISTIC_TOUCHED_PARTNERS))
        # 3. A few random candidates, so the pick never loses to a tie drawn blindly.
        tried.extend(self._random_candidates(HEURISTIC_RANDOM, len(adj)))
        tried = sorted(set(tried))
        values: dict[tuple[int, int], float] = {}

        def value_with(u: int, v: int) -> float:
            values[(u, v)] = self.robustness_with(u, v)
            return values[(u, v)]

        best = self._best(tried, current, value_with, report)
        # 4. The actors of the best ties so far, with more of their possible partners.
        ranked = sorted(values, key=lambda t: (-values[t], t))[:HEURISTIC_REFINED]
        refine = [
            tie
            for u, v in ranked
            for end in (u, v)
            for tie in partners_of(self.local[end], HEURISTIC_PARTNERS)
            if tie not in values
        ]
        if refine:
            better = self._best(sorted(set(refine)), current, value_with, report)
            if better is not None and (best is None or better[2] > best[2] + GAIN_EPSILON):
                best = better
        return best

    def _merge_estimates(
        self, order: Sequence[int], score: Sequence[float], firsts: list[int], by_score: list[int]
    ) -> list[tuple[int, int]]:
        """Candidate ties among the best-scored actors, by how much they would add to the
        largest group if the attack's order stayed the same (best first)."""
        import numpy as np

        members = self.members
        top_firsts = sorted(firsts, key=lambda a: (-score[a], a))[:HEURISTIC_ACTORS]
        pool = sorted(set(by_score[:HEURISTIC_ACTORS]) | set(top_firsts))
        column = {a: i for i, a in enumerate(pool)}
        labels, sizes, largest = group_snapshots(self.region_adj, order, pool)
        self.check()
        alive = labels >= 0
        scored: list[tuple[float, int, int]] = []
        for a in top_firsts:
            i = column[a]
            apart = alive[:, i : i + 1] & alive & (labels[:, i : i + 1] != labels)
            merged = np.maximum(sizes[:, i : i + 1] + sizes - largest[:, None], 0)
            estimate = (merged * apart).sum(axis=0)
            for b in pool:
                u, v = sorted((members[a], members[b]))
                if self.is_candidate(u, v):
                    scored.append((-float(estimate[column[b]]), u, v))
        scored.sort()
        return list(dict.fromkeys((u, v) for _, u, v in scored))

    def _random_candidates(self, count: int, salt: int) -> list[tuple[int, int]]:
        rng = random.Random(HEURISTIC_SEED + salt)
        allowed = sorted(self.allowed)
        # with `touching`, one end is drawn among those actors (else few draws would qualify)
        firsts = sorted(v for v in self.allowed if v in self.touch) if self.touch else allowed
        found: list[tuple[int, int]] = []
        for _attempt in range(count * 50):
            if len(found) == count or len(allowed) < 2 or not firsts:
                break
            first = rng.choice(firsts)
            second = rng.choice(allowed)
            if first == second:
                continue
            u, v = sorted((first, second))
            if self.is_candidate(u, v) and (u, v) not in found:
                found.append((u, v))
        return found

    # --- spread ----------------------------------------------------------------------
    def spread(
        self, k: int, method: str, seeds: Sequence[int], theta: float, progress: Progress | None
    ) -> tuple[list[Pick], float | None, float | None, str, int]:
        graph = self.graph
        region_total = sum(graph.in_region)

        def share_with(u: int, v: int) -> float:
            self.adj[u].append(v)
            self.adj[v].append(u)
            try:
                return self._region_share(seeds, theta, region_total)
            finally:
                self.adj[u].pop()
                self.adj[v].pop()

        before = self._region_share(seeds, theta, region_total)
        current = before
        work = graph.n + graph.edge_count()
        picks: list[Pick] = []
        used = "exact"
        first_count = self.candidate_count()
        for step in range(k):
            helpful = self._tipping_ties(seeds, theta)
            exact = method == "exact" or (
                method == "auto" and len(helpful) * max(work, 1) <= SPREAD_EXACT_WORK
            )
            if not exact:
                helpful = self._best_partners(helpful, seeds, theta)
                if step == 0:
                    used = "heuristic"

            def report(done: int, total: int, step: int = step) -> None:
                if progress is not None:
                    progress((step + done / max(total, 1)) / k)

            best = self._best(helpful, current, share_with, report)
            if best is None:
                break
            u, v, value = best
            picks.append((u, v, value - current, value))
            current = value
            self.add(u, v)
        if progress is not None:
            progress(1.0)
        return picks, before, current, used, first_count

    def _reached(self, seeds: Sequence[int], theta: float) -> bytearray:
        reached = bytearray(self.graph.n)
        for s in seeds:
            reached[s] = 1
        for new in cascade_rounds(self.adj, seeds, theta):
            for v in new:
                reached[v] = 1
        return reached

    def _region_share(self, seeds: Sequence[int], theta: float, region_total: int) -> float:
        reached = self._reached(seeds, theta)
        inside = self.graph.in_region
        return sum(1 for v in range(self.graph.n) if reached[v] and inside[v]) / region_total

    def _tipping_ties(self, seeds: Sequence[int], theta: float) -> list[tuple[int, int]]:
        """Candidates joining a reached actor to one that one more reached partner tips."""
        reached = self._reached(seeds, theta)
        bar = theta - TOLERANCE
        found = []
        ends = sorted(self.allowed)
        on = [u for u in ends if reached[u]]
        for v in ends:
            if reached[v]:
                continue
            k = len(self.adj[v])
            m = sum(1 for w in self.adj[v] if reached[w])
            if (m + 1) / (k + 1) < bar:
                continue
            for u in on:
                a, b = (u, v) if u < v else (v, u)
                if self.is_candidate(a, b):
                    found.append((a, b))
        found.sort()
        return found

    def _best_partners(
        self, ties: Sequence[tuple[int, int]], seeds: Sequence[int], theta: float
    ) -> list[tuple[int, int]]:
        """For each tipped actor, only the reached partners least likely to be lost:
        seeds first (they stay reached), then those with most reached partners to spare."""
        reached = self._reached(seeds, theta)
        seed_set = set(seeds)

        def slack(u: int) -> float:
            k = len(self.adj[u])
            m = sum(1 for w in self.adj[u] if reached[w])
            return m / (k + 1) - theta

        by_target: dict[int, list[int]] = {}
        for a, b in ties:
            v, u = (a, b) if not reached[a] else (b, a)
            by_target.setdefault(v, []).append(u)
        kept = []
        for v, partners in by_target.items():
            partners.sort(key=lambda u: (u not in seed_set, -slack(u), u))
            for u in partners[:SPREAD_PARTNERS_PER_ACTOR]:
                kept.append((u, v) if u < v else (v, u))
        return sorted(kept)
