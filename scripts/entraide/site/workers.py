"""How many forked workers render the pages: one per core, as long as their copies of the parent fit.

A forked worker starts by sharing all its parent's memory, but CPython writes a reference count into every
object it reads, so each memory page holding something a worker reads becomes a copy of its own. Measured
at a million events: within a minute, each of two page workers held 60 to 85% of its parent's resident size
privately (the three processes 2.4 GB together, for a parent of 1 GB). A worker is therefore counted as a
whole copy of the parent, and workers are forked only while their copies fit in half of the memory the
machine has available (the other half left to the pages being rendered and to whatever else runs);
otherwise the pages render in turn in the parent: slower on several cores, but nothing copied. Where the
system does not say (no /proc: `site.build` reads it), one worker per core, as before.
"""

from __future__ import annotations


def page_workers(sources: int, *, cores: int, resident: int | None, available: int | None) -> int:
    """Workers for `sources` page sources on `cores` cores, for a parent of `resident` bytes and `available`
    bytes of free memory (None: unknown); fewer than 2 means rendering in the parent."""
    workers = min(sources, cores)
    if resident and available is not None:
        workers = min(workers, available // 2 // resident)
    return workers
