"""The molecule applicability-domain scorer (``molecule_domain``, mednn.ood.molecules) on
generated SMILES: fitted on drug-like molecules, it flags about the target share of held-out
ones and flags metals, elements never seen in training and very large molecules; its state
round-trips through safetensors; it refuses to score without the records' SMILES; and
``mednn predict``, ``evaluate`` and ``serve`` show its flags."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("rdkit")

from mednn.errors import ConfigError, ModelError  # noqa: E402
from mednn.ood.base import OODInputs  # noqa: E402
from mednn.ood.molecules import PREVIOUS_DEFAULT_PARTS, MoleculeDomainScorer  # noqa: E402
from mednn.ood.run import scorer_from_state  # noqa: E402

SUBSTITUENTS = ["C", "CC", "OC", "N", "Cl", "F", "C(=O)N", "C(=O)O", "CN(C)C", "OCC", "C(F)(F)F", "NC(C)=O",
                "S(N)(=O)=O", "CCN", "C#N", "O", "C(C)C", "C2CCNCC2"]
CORES = ["c1({a})ccc({b})cc1", "c1({a})cccc({b})c1", "c1({a})ccc({b})nc1"]
INPUT_PARTS = ["tanimoto", "descriptors", "elements", "environments"]
# foreign: organometallics and elements the drug-like set never has, and molecules far larger
METALS = ["C[Sn](C)(C)c1ccccc1", "OB(O)c1ccc(C)cc1", "C[Se]c1ccc(N)cc1", "CC[Hg]c1ccccc1", "C[Si](C)(C)c1ccccc1"]
LARGE = ["C" * 60, "O" + "CCO" * 30, "NCC(=O)" * 25 + "O", "c1ccc(cc1)" * 12 + "C"]


def _drug_like() -> list[str]:
    from rdkit import Chem

    smiles = {Chem.MolToSmiles(Chem.MolFromSmiles(core.format(a=a, b=b)))
              for core in CORES for a, b in itertools.product(SUBSTITUENTS, SUBSTITUENTS)}
    return sorted(smiles)


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    smiles = _drug_like()
    order = rng.permutation(len(smiles))
    cut = [int(0.5 * len(order)), int(0.75 * len(order))]
    train, val, test = ([smiles[i] for i in part] for part in np.split(order, cut))
    embedding = {name: rng.normal(size=(len(part), 6))
                 for name, part in zip(("train", "val", "test"), (train, val, test))}
    scorer = MoleculeDomainScorer(fpr=0.05, molecule_parts=["embedding", *INPUT_PARTS])
    scorer.fit(OODInputs(smiles=train, embedding=embedding["train"]),
               OODInputs(smiles=val, embedding=embedding["val"]))
    return scorer, test, embedding["test"]


def _inputs(smiles, rng=np.random.default_rng(1)):
    return OODInputs(smiles=list(smiles), embedding=rng.normal(size=(len(smiles), 6)))


def test_held_out_drug_like_molecules_are_flagged_at_about_the_target_rate(fitted):
    scorer, test, embedding = fitted
    assert scorer.components == ("knn_distance", "tanimoto_distance", "descriptor_distance", "unseen_elements",
                                 "unseen_environments")
    rate = scorer.predict(OODInputs(smiles=test, embedding=embedding)).mean()
    n = len(test)
    assert n > 150 and rate <= 0.05 + 3.5 * np.sqrt(0.05 * 0.95 / n), rate


def test_metals_unseen_elements_and_very_large_molecules_are_flagged(fitted):
    scorer = fitted[0]
    assert scorer.predict(_inputs(METALS)).all()
    assert scorer.predict(_inputs(LARGE)).all()
    assert scorer.unseen_elements(METALS) == [["Sn"], ["B"], ["Se"], ["Hg"], ["Si"]]
    parts = scorer.component_scores(_inputs(METALS))
    assert (parts["unseen_elements"] >= 2).all()  # one unseen element alone scores 2
    large = scorer.component_scores(_inputs(LARGE))
    assert (large["descriptor_distance"] > 1).all()


def test_the_default_reads_the_molecule_only_and_flags_them_too(fitted):
    _, test, _ = fitted
    smiles = _drug_like()
    scorer = MoleculeDomainScorer().fit(OODInputs(smiles=smiles[::2]), OODInputs(smiles=smiles[1::4]))
    assert scorer.needs == ("smiles",) and "knn_distance" not in scorer.components  # the default: input only
    assert scorer.predict(OODInputs(smiles=METALS + LARGE)).all()


def test_the_state_round_trips_through_safetensors_without_pickle(fitted, tmp_path):
    from safetensors.numpy import load_file, save_file

    from mednn.runs import join_arrays, split_arrays

    scorer = fitted[0]
    json_state, arrays = split_arrays(scorer.state_dict())
    assert {f"learnt.{k}" for k in ("fingerprints_", "descriptor_reference_", "elements_", "environments_",
                                   "reference_")} <= set(arrays)
    text = json.dumps(json_state)  # numbers and names only
    save_file(arrays, str(tmp_path / "ood.safetensors"))
    loaded = scorer_from_state(join_arrays(json.loads(text), load_file(str(tmp_path / "ood.safetensors"))))
    new = _inputs(METALS + LARGE + fitted[1][:20], np.random.default_rng(3))
    assert np.allclose(loaded.score(new), scorer.score(new)) and loaded.threshold_ == scorer.threshold_
    assert loaded.components == scorer.components
    broken = scorer.state_dict()
    broken["learnt"]["fingerprints_"] = np.zeros((3, 5), dtype=np.uint8)
    with pytest.raises(ModelError, match="not valid"):
        scorer_from_state(broken)


def test_it_needs_the_smiles_and_refuses_bad_settings_by_name(fitted):
    scorer = fitted[0]
    with pytest.raises(ModelError, match="SMILES"):
        scorer.score(OODInputs(embedding=np.zeros((2, 6))))
    smiles = _drug_like()[:40]
    with pytest.raises(ConfigError, match="'molecule_parts'"):
        MoleculeDomainScorer(molecule_parts=["prints"]).fit(OODInputs(smiles=smiles), OODInputs(smiles=smiles))
    with pytest.raises(ConfigError, match="'similar'"):
        MoleculeDomainScorer(similar=0).fit(OODInputs(smiles=smiles), OODInputs(smiles=smiles))


def test_predict_evaluate_and_serve_show_the_flags_and_flag_a_tin_compound(tmp_path, capsys):
    from mednn.cli.main import main

    smiles = _drug_like()
    frame = pd.DataFrame({"smiles": smiles, "active": [int("N" in s or "n" in s) for s in smiles]})
    frame.to_csv(tmp_path / "mols.csv", index=False)
    code = main(["train", "--data", str(tmp_path / "mols.csv"), "--out", str(tmp_path / "run"),
                 "--set", "data.label=active", "--set", "model.name=mlp", "--set", "model.hidden_sizes=[16]",
                 "--set", "featurize.name=ecfp", "--set", "featurize.n_bits=256", "--set", "train.epochs=3",
                 "--set", "train.threads=1", "--set", "train.progress=false", "--set", "evaluate.bootstrap=20",
                 "--set", "explain.enabled=false", "--set", "report.enabled=false",
                 "--set", "evaluate.baselines=none", "--set", "split.method=random"])
    assert code == 0, capsys.readouterr().err
    state = json.loads((tmp_path / "run" / "predictor.json").read_text())["ood"]
    assert state["method"] == "molecule_domain" and state["learnt"]["fingerprints_"] == {"__array__": "fingerprints_"}
    ood = json.loads((tmp_path / "run" / "metrics.json").read_text())["ood"]
    n_train = json.loads((tmp_path / "run" / "data.json").read_text())["splits"]["train"]["n"]
    assert ood["n_reference"] == n_train and ood["components"][0] == "tanimoto_distance"
    new = tmp_path / "new.csv"
    pd.DataFrame({"smiles": ["Cc1ccc(C(=O)N)cc1", METALS[0], LARGE[1]]}).to_csv(new, index=False)
    code = main(["predict", str(tmp_path / "run"), str(new), "--out", str(tmp_path / "pred.csv")])
    assert code == 0, capsys.readouterr().err
    pred = pd.read_csv(tmp_path / "pred.csv")
    assert {"ood_score", "out_of_distribution"} <= set(pred.columns)
    assert list(pred["out_of_distribution"]) == [False, True, True]
    # evaluate: the site's molecules, half of them organometallic, are counted and found
    site = pd.DataFrame({"smiles": [*METALS, *LARGE, *smiles[:9]], "active": [0, 1] * 9})
    site.to_csv(tmp_path / "site.csv", index=False)
    with pytest.warns(UserWarning, match=r"\[out_of_distribution\]"):
        code = main(["evaluate", str(tmp_path / "run"), "--data", str(tmp_path / "site.csv"),
                     "--out", str(tmp_path / "e.json")])
    assert code == 0, capsys.readouterr().err
    site_ood = json.loads((tmp_path / "e.json").read_text())["ood"]
    assert site_ood["method"] == "molecule_domain" and site_ood["n"] == 18 and site_ood["n_flagged"] >= 9
    # serve: each served molecule carries its score and flag
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from mednn.serving import make_app

    client = TestClient(make_app(tmp_path / "run"))
    body = client.post("/predict", json={"records": [{"smiles": "Cc1ccc(C(=O)N)cc1"}, {"smiles": METALS[2]}]}).json()
    first, second = body["predictions"]
    assert first["out_of_distribution"] is False and second["out_of_distribution"] is True


# ring systems the benzene / pyridine set never has: fused, bridged, macro- and heterocycles
NEW_RINGS = ["c1ccc2cc3ccccc3cc2c1C", "CC12CC3CC(CC(C3)C1)C2", "C1CCCCCCCCCCC1N", "c1ccc2[nH]ccc2c1CN",
             "C1CC2CCC1CC2C(=O)O"]


def test_count_atom_pair_and_ring_system_parts_flag_new_ring_systems_not_held_out_ones():
    rng = np.random.default_rng(0)
    smiles = _drug_like()
    order = rng.permutation(len(smiles))
    train, val, test = ([smiles[i] for i in part] for part in np.split(order, [len(order) // 2, 3 * len(order) // 4]))
    scorer = MoleculeDomainScorer(molecule_parts=["counts", "atom_pairs", "elements", "ring_systems"])
    scorer.fit(OODInputs(smiles=train), OODInputs(smiles=val))
    assert scorer.components == ("count_tanimoto_distance", "atom_pair_distance", "unseen_elements",
                                 "unseen_ring_systems")
    n = len(test)
    assert scorer.predict(OODInputs(smiles=test)).mean() <= 0.05 + 3.5 * np.sqrt(0.05 * 0.95 / n)
    parts = scorer.component_scores(OODInputs(smiles=NEW_RINGS))
    assert (parts["unseen_ring_systems"] >= 2).all()  # every ring system of each is new: share 1, floor 0.05
    assert scorer.predict(OODInputs(smiles=NEW_RINGS + METALS + LARGE)).all()
    held_out = scorer.component_scores(OODInputs(smiles=test))["unseen_ring_systems"]
    assert (held_out <= 0).all()  # the three cores are all in training


def test_count_tanimoto_is_sum_of_minima_over_sum_of_maxima():
    from mednn.ood.molecules import CountFingerprints

    a = np.zeros((2, 2048), dtype=np.int64)
    a[0, [1, 5]] = [3, 1]
    a[1, [1, 7]] = [1, 40]  # 40 counts as COUNT_CAP = 32
    b = np.zeros((1, 2048), dtype=np.int64)
    b[0, [1, 5, 9]] = [2, 1, 1]
    got = CountFingerprints.of(a).distance(CountFingerprints.of(b), similar=1)
    assert np.allclose(got, [1 - 3 / 5, 1 - 1 / 36])  # max: 2 + 1 + 1 + 32
    with pytest.raises(ValueError):
        CountFingerprints(np.array([0, 3]), np.array([1, 2]), np.array([1, 1]))


def test_a_run_saved_before_the_new_parts_still_loads_with_the_parts_it_summed(fitted):
    scorer = fitted[0]
    state = scorer.state_dict()
    new_keys = ("counts_", "atom_pairs_", "ring_systems_", "broad_", "forest_")
    for key in [k for k in state["learnt"] if k.startswith(new_keys)]:
        del state["learnt"][key]
    loaded = scorer_from_state(state)
    new = _inputs(METALS, np.random.default_rng(3))
    assert np.allclose(loaded.score(new), scorer.score(new))
    smiles = _drug_like()  # a default scorer of that day: tanimoto, descriptors, elements, environments
    old = MoleculeDomainScorer(molecule_parts=list(PREVIOUS_DEFAULT_PARTS)).fit(OODInputs(smiles=smiles[::2]),
                                                                            OODInputs(smiles=smiles[1::4]))
    state = old.state_dict()
    state["params"]["molecule_parts"] = None
    for key in [k for k in state["learnt"] if k.startswith(new_keys)]:
        del state["learnt"][key]
    loaded = scorer_from_state(state)
    assert loaded.parts == PREVIOUS_DEFAULT_PARTS and np.allclose(loaded.score(new), old.score(new))


def test_the_isolation_forest_arrays_score_as_scikit_learn():
    from sklearn.ensemble import IsolationForest

    from mednn.ood.forest import IsolationForestArrays

    rng = np.random.default_rng(0)
    x, query = rng.normal(size=(400, 12)), rng.normal(size=(200, 12)) * 1.5
    ours = IsolationForestArrays.grow(x, seed=3).score(query)
    assert np.allclose(ours, -IsolationForest(n_estimators=200, random_state=3).fit(x).score_samples(query))


def test_long_chains_past_the_training_range_are_flagged_when_training_holds_short_ones():
    """Trial 8: with alkanes in training (ESOL, ClinTox) C200 and C62 passed as in-domain: their
    ECFP bits are all seen, and the isolation forest scores anything past the largest training
    molecule as that molecule. How far past the descriptors' training range they lie now counts."""
    smiles = _drug_like()
    chains = ["C" * k for k in range(1, 19)] + ["C" * k + "O" for k in range(1, 19)]
    scorer = MoleculeDomainScorer().fit(OODInputs(smiles=smiles[::2] + chains[::2]),
                                        OODInputs(smiles=smiles[1::4] + chains[1::2]))
    flags = scorer.predict(OODInputs(smiles=["C" * 200, "C" * 62, "CCCCCCCCCO"]))
    assert flags.tolist() == [True, True, False]
    parts = scorer.component_scores(OODInputs(smiles=["C" * 200, "CCCCCCCCCO"]))
    assert parts["tanimoto_distance"][0] < 1 and parts["descriptor_isolation"][0] > 10
    assert parts["descriptor_isolation"][1] < 1  # inside the range nothing is added
