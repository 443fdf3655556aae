"""What the robustness heuristic of the suggestions (suggest_search.py) reads from the
degree attack: how long each actor survives in how large a group, how far one more partner
would move it forward in the attack, and the groups along the way.

Each is one pass of a reverse union–find over the attack's order, so a big design costs a
few array operations per pick instead of an exact robustness per candidate tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def survival_scores(adjacency: Sequence[Sequence[int]], order: Sequence[int]) -> list[float]:
    """For each actor, Σ over the attack's steps it survives of how much a new tie from it
    could add to the largest group: its group's size, or the runner-up's when its group is
    the largest. Built on the merge tree of the reverse union–find, O(ties·log n)."""
    import heapq

    n = len(adjacency)
    parent = list(range(n))
    node_of = list(range(n))  # merge-tree node of each union–find root
    t_size = [1] * n
    t_birth = [0] * n
    t_parent = [-1] * n
    t_value = [0.0] * n
    alive = bytearray(n)
    heap: list[tuple[int, int]] = []

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def live_top() -> tuple[int, int] | None:
        while heap and t_parent[heap[0][1]] != -1:
            heapq.heappop(heap)
        return heap[0] if heap else None

    for q in range(n - 1, -1, -1):
        v = order[q]
        alive[v] = 1
        t_birth[v] = q
        heapq.heappush(heap, (-1, v))
        for w in adjacency[v]:
            if not alive[w]:
                continue
            a, b = find(v), find(w)
            if a == b:
                continue
            fa, fb = node_of[a], node_of[b]
            for f in (fa, fb):
                t_value[f] += t_size[f] * (t_birth[f] - q)
            new = len(t_size)
            t_size.append(t_size[fa] + t_size[fb])
            t_birth.append(q)
            t_parent.append(-1)
            t_value.append(0.0)
            t_parent[fa] = t_parent[fb] = new
            if t_size[fa] < t_size[fb]:
                a, b = b, a
            parent[b] = a
            node_of[a] = new
            heapq.heappush(heap, (-t_size[new], new))
        if q >= 1:
            top = live_top()
            if top is not None:
                first = heapq.heappop(heap)
                runner = live_top()
                heapq.heappush(heap, first)
                second = -runner[0] if runner else 0
                t_value[first[1]] += second - (-first[0])
    for f in range(len(t_size)):
        if t_parent[f] == -1:
            t_value[f] += t_size[f] * t_birth[f]
    total = [0.0] * len(t_size)
    for f in range(len(t_size) - 1, -1, -1):
        above = t_parent[f]
        total[f] = t_value[f] + (total[above] if above != -1 else 0.0)
    return total[:n]


def jump_distances(adjacency: Sequence[Sequence[int]], order: Sequence[int]) -> list[int]:
    """For each actor, how many steps earlier the attack would remove it with one more
    partner (0 when it would not move), the rest of the graph unchanged.

    At step t the attack removes the actor with the smallest key actor − degree·n; an actor x
    with one more partner jumps the queue at the first t before its own removal where
    x − (d_t(x) + 1)·n is below that key, d_t(x) being its degree after t removals.
    """
    import numpy as np

    n = len(adjacency)
    position = [0] * n
    for t, v in enumerate(order):
        position[v] = t
    degree = [len(partners) for partners in adjacency]
    keys = np.zeros(n, dtype=np.int64)
    gone = bytearray(n)
    for t, v in enumerate(order):
        keys[t] = v - degree[v] * n
        gone[v] = 1
        for w in adjacency[v]:
            if not gone[w]:
                degree[w] -= 1
    distances = [0] * n
    for x in range(n):
        end = position[x]
        if end == 0:
            continue
        lost = np.zeros(end + 1, dtype=np.int64)
        for w in adjacency[x]:
            if position[w] < end:
                lost[position[w] + 1] += 1
        current = len(adjacency[x]) - np.cumsum(lost)[:end]
        hits = np.flatnonzero(x - (current + 1) * n < keys[:end])
        if hits.size:
            distances[x] = end - int(hits[0])
    return distances


def group_snapshots(
    adjacency: Sequence[Sequence[int]], order: Sequence[int], watched: Sequence[int]
) -> tuple[Any, Any, Any]:
    """For the steps q = 1..n−1 of the attack: the group (a root, −1 when removed) and its
    size for each watched actor, and the largest group's size."""
    import numpy as np

    n = len(adjacency)
    parent = list(range(n))
    size = [1] * n
    alive = bytearray(n)
    steps = max(n - 1, 0)
    labels = np.full((steps, len(watched)), -1, dtype=np.int64)
    sizes = np.zeros((steps, len(watched)), dtype=np.int64)
    largest = np.zeros(steps, dtype=np.int64)
    best = 0

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for q in range(n - 1, 0, -1):
        v = order[q]
        alive[v] = 1
        best = max(best, 1)
        for w in adjacency[v]:
            if alive[w]:
                a, b = find(v), find(w)
                if a != b:
                    if size[a] < size[b]:
                        a, b = b, a
                    parent[b] = a
                    size[a] += size[b]
                    best = max(best, size[a])
        row = q - 1
        largest[row] = best
        for column, x in enumerate(watched):
            if alive[x]:
                root = find(x)
                labels[row, column] = root
                sizes[row, column] = size[root]
    return labels, sizes, largest
