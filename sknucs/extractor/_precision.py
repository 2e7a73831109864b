"""Which mixed precision a device gets: one rule for scoring and for the benchmark."""

import torch


def mixed_precision(device):
    """Mixed precision on ``device``: ``(autocast dtype, whether to scale the loss)``.

    bfloat16 on CUDA, float16 with loss scaling on GPUs without bfloat16;
    ``(None, False)`` elsewhere, where everything stays float32.
    """
    if torch.device(device).type != "cuda":
        return None, False
    return (torch.bfloat16, False) if torch.cuda.is_bf16_supported() else (torch.float16, True)
