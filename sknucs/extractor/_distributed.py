"""Thin helpers around torch.distributed used by the recorder."""

import torch.distributed as dist


def is_multi_process(process_group=None):
    """True when torch.distributed is initialised with more than one rank."""
    return (
        dist.is_available()
        and dist.is_initialized()
        and dist.get_world_size(process_group) > 1
    )


def rank(process_group=None):
    """This process's rank in ``process_group``."""
    return dist.get_rank(process_group)


def sum_across_ranks_(tensor, process_group=None):
    """Sum a float64 ``tensor`` in place over all ranks and return it.

    Counts are kept in float64 too: every backend (gloo, NCCL) sums it, and it
    is exact for integers below 2**53.
    """
    dist.all_reduce(tensor, op=dist.ReduceOp.SUM, group=process_group)
    return tensor
