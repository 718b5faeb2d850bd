"""The user docs show what the code writes (trial 9, items 7, 8 and 10).

A new user copies the docs' snippets: a config path that is not in configs/, or a metrics.json
example with keys metrics.json does not have, sends them looking for what is not there."""

import json
import re
from pathlib import Path

from mednn.runs.schema import FILE_OF, MetricsRecord, TrainingRecord

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def test_every_config_the_docs_name_is_in_configs():
    named = {(page.name, path) for page in DOCS.glob("*.md")
             for path in re.findall(r"\bconfigs/[\w.-]+\.ya?ml\b", page.read_text(encoding="utf-8"))}
    assert named, "the docs name no config: the pattern is stale"
    missing = sorted((page, path) for page, path in named if not (ROOT / path).is_file())
    assert not missing, missing


def _guide_metrics_example():
    text = (DOCS / "guide.md").read_text(encoding="utf-8")
    block = re.search(r"`metrics.json` of `make demo`.*?```json\n(.*?)```", text, re.S)
    assert block, "the guide's metrics.json example is gone"
    return json.loads(block.group(1))


def test_the_guides_metrics_json_example_has_only_keys_metrics_json_has():
    example = _guide_metrics_example()
    # metrics.json: the metrics record's fields and the run record's parts written into it
    keys = set(MetricsRecord.model_fields) | {part for part, file in FILE_OF.items() if file == "metrics.json"}
    assert set(example) <= keys - {"metrics"}, set(example) - keys
    assert set(example["training"]) <= set(TrainingRecord.model_fields)


def test_the_guide_names_medical_abstracts_featurizer_as_the_config_does():
    import yaml

    config = yaml.safe_load((ROOT / "configs" / "medical_abstracts.yaml").read_text(encoding="utf-8"))
    line = next(line for line in (DOCS / "guide.md").read_text(encoding="utf-8").splitlines()
                if "configs/medical_abstracts.yaml" in line)
    assert ("TF-IDF" in line) == (config["featurize"]["name"] == "tfidf"), line


def test_the_images_page_says_what_the_default_budget_does():
    """Trial 18: docs/images.md said the budget callback stops an image run that overruns its
    default 5 minutes; the recipe only plans epochs from it (one seed, one result on any machine),
    so `mednn train --data scans/` on a loaded machine ran an hour. The page must say which."""
    from mednn.recipes import choose_image_recipe

    planned = choose_image_recipe(n_train=500, shape=(1, 28, 28)).overrides()["train"]
    page = " ".join((DOCS / "images.md").read_text(encoding="utf-8").split())
    if "budget" in planned:  # the recipe enforces its budget: the page may say the callback stops it
        return
    assert "budget callback stops a run that still overruns" not in page
    assert "Only a `train.budget` you set stops training on time" in page
