"""The core never imports torch, and the extractor says how to get it."""

import subprocess
import sys


def _run(code):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)


def test_core_and_scores_do_not_import_torch():
    result = _run("import sys, sknucs, sknucs.scores; print('torch' in sys.modules)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_extractor_without_torch_names_the_extra():
    # Import the core first: scikit-learn probes sys.modules['torch'] on import.
    result = _run("import sys, sknucs; sys.modules['torch'] = None; import sknucs.extractor")
    assert result.returncode != 0
    assert "ImportError: sknucs.extractor needs PyTorch" in result.stderr
    assert "pip install sknucs[torch]" in result.stderr


def test_timm_models_without_timm_name_the_extra():
    # With the torch extra but not the pretrained one, these raised a bare "No module named 'timm'".
    code = ("import sys, sknucs; sys.modules['timm'] = None\n"
            "from sknucs.extractor import {name}\n"
            "try:\n    {name}({args})\n"
            "except ImportError as exc:\n    print(exc)\n")
    for name, args in (("build_timm_model", "'resnet18', 3"), ("efficientnet_lite0", "10")):
        result = _run(code.format(name=name, args=args))
        if "needs PyTorch" in result.stderr:  # no torch here: nothing to check
            return
        assert result.returncode == 0, result.stderr
        assert "pip install 'sknucs[pretrained]'" in result.stdout, (name, result.stdout)
