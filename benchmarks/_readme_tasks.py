"""Every task of the README's table once, with the scores and features the benchmark's cache holds for it."""

from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from easy_cut_study import parts as readme_parts


def readme_tasks(cache):
    """Yield ``(part, task, context)`` for each distinct task of the README's parts.

    A task is distinct by the digest of its scores and features: the parts
    that share a task (the report's seeds and the development split's)
    give it once, under the first part that has it. A task not in the cache
    ``cache`` is computed, which trains.
    """
    arrays = ArrayCache(f"{cache}/arrays")
    seen = set()
    for part, (_, config) in readme_parts().items():
        for dataset, track in config.tasks:
            for task in build_tasks(dataset, track, config):
                context = task_context(task, config, arrays)
                if context.scores_digest not in seen:
                    seen.add(context.scores_digest)
                    yield part, task, context
