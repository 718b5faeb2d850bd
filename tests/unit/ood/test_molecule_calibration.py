"""The molecule scorer's scaffold-fold calibration (mednn.ood.molecule_calibration) and its two
newer parts (``substructures``, ``property_ranges``), on generated molecules with many scaffolds:
folds never split a scaffold set, the cross-fitted scores are those of a scorer fitted on the other
folds, ``scaffold_folds`` (opt-in) joins them to validation and thresholds by scaffold set, and the
promise says what it was
calibrated on."""

from __future__ import annotations

import itertools
import json

import numpy as np
import pytest

pytest.importorskip("rdkit")

from mednn.errors import ConfigError  # noqa: E402
from mednn.ood.base import OODInputs  # noqa: E402
from mednn.ood.molecule_calibration import cross_fitted_components, grouped_threshold, scaffold_folds  # noqa: E402
from mednn.ood.molecule_facts import MoleculeFacts  # noqa: E402
from mednn.ood.molecules import DEFAULT_PARTS, MoleculeDomainScorer  # noqa: E402
from mednn.ood.run import scorer_from_state  # noqa: E402

RINGS = ["c1ccccc1", "c1ccncc1", "c1ccsc1", "c1ccoc1", "c1cncnc1", "C1CCCCC1", "C1CCNCC1", "C1COCCN1",
         "C1CCCC1", "c1ccc2ccccc2c1"]
LINKERS = ["C", "CC", "C(=O)N"]
SUBSTITUENTS = [6, 17, 8]  # a methyl, a chlorine or a hydroxyl on the first ring


def _molecules() -> tuple[list[str], list[str]]:
    """(SMILES, scaffold): ring - linker - ring (45 ring pairs x 3 linkers: 135 scaffolds), one
    substituent on the first ring."""
    from rdkit import Chem

    from mednn.data.scaffolds import bemis_murcko_scaffold

    out = {}
    for (a, b), linker, element in itertools.product(itertools.combinations(RINGS, 2), LINKERS, SUBSTITUENTS):
        mol = Chem.MolFromSmiles(f"{a}{linker}{b}")  # ring closure 1 is reused after it closes
        free = [x.GetIdx() for x in mol.GetAtoms() if x.GetTotalNumHs() > 0 and x.IsInRing()]
        rw = Chem.RWMol(mol)
        rw.AddBond(free[0], rw.AddAtom(Chem.Atom(element)), Chem.BondType.SINGLE)
        try:
            Chem.SanitizeMol(rw)
        except Exception:  # noqa: BLE001 - a substitution RDKit refuses is skipped
            continue
        smiles = Chem.MolToSmiles(rw)
        out[smiles] = bemis_murcko_scaffold(smiles)
    return list(out), list(out.values())


@pytest.fixture(scope="module")
def molecules():
    return _molecules()


def _scaffold_split(smiles, scaffolds, seed=0):
    sets = sorted(set(scaffolds))
    order = np.random.default_rng(seed).permutation(len(sets))
    part = {sets[k]: ("train" if i < 0.6 * len(sets) else "val" if i < 0.8 * len(sets) else "test")
            for i, k in enumerate(order)}
    return {name: [s for s, g in zip(smiles, scaffolds) if part[g] == name] for name in ("train", "val", "test")}


def test_folds_keep_each_scaffold_set_whole_and_leave_out_big_ones():
    scaffolds = ["a"] * 5 + ["b"] * 2 + ["c"] * 3 + ["d", "e", "f"] + ["g"] * 2
    folds = scaffold_folds(scaffolds, largest=3, seed=1, folds=3)
    held = np.concatenate(folds)
    assert len(held) == len(set(held.tolist())) and 0 not in held  # the 5-molecule set "a" stays in the reference
    assert sorted(held.tolist()) == list(range(5, len(scaffolds)))
    for fold in folds:
        for other in folds:
            if other is not fold:
                assert not {scaffolds[i] for i in fold} & {scaffolds[i] for i in other}
    assert max(map(len, folds)) - min(map(len, folds)) <= 3  # each set goes to the emptiest fold
    assert [f.tolist() for f in scaffold_folds(scaffolds, 3, seed=1, folds=3)] == [f.tolist() for f in folds]


def test_the_grouped_threshold_is_the_rank_one_for_single_molecules_and_higher_for_families():
    from mednn.ood.base import threshold_at

    rng = np.random.default_rng(0)
    scores = rng.normal(size=600)
    alone = grouped_threshold(scores, [str(i) for i in range(600)], 300, 0.05, 0.9, seed=0)
    assert abs(alone - threshold_at(scores, 0.05, 0.9)[0]) < 0.1
    family = np.repeat(np.arange(60), 10)  # ten molecules per set, sharing a shift
    clustered = rng.normal(size=60)[family] + 0.3 * rng.normal(size=600)
    assert grouped_threshold(clustered, [str(g) for g in family], 300, 0.05, 0.9, seed=0) > \
        threshold_at(clustered, 0.05, 0.9)[0]


def test_cross_fitted_scores_are_those_of_a_scorer_fitted_on_the_other_folds(molecules):
    smiles, scaffolds = molecules
    train = smiles[:120]
    facts = MoleculeFacts(train, DEFAULT_PARTS, scaffolds=True)
    folds = scaffold_folds(facts.scaffolds, largest=10, seed=0)
    scorer = MoleculeDomainScorer(seed=0)
    got = cross_fitted_components(scorer, OODInputs(smiles=train), facts, folds[:1])
    rest = [train[i] for i in np.setdiff1d(np.arange(len(train)), folds[0])]
    oracle = MoleculeDomainScorer(seed=0, molecule_calibration="validation")
    oracle._fit_reference(OODInputs(smiles=rest))
    assert np.allclose(got, oracle._components(OODInputs(smiles=[train[i] for i in folds[0]])))


def test_scaffold_folds_join_validation_when_asked_and_the_promise_says_so(molecules, tmp_path):
    smiles, scaffolds = molecules
    split = _scaffold_split(smiles, scaffolds)
    train, val, test = (OODInputs(smiles=split[k]) for k in ("train", "val", "test"))
    scorer = MoleculeDomainScorer(molecule_calibration="scaffold_folds").fit(train, val)
    assert scorer.n_cross_fitted_ > 0 and scorer.n_calibration_ == len(val) + scorer.n_cross_fitted_
    assert f"{len(val)} validation molecules and {scorer.n_cross_fitted_} training molecules" in scorer.promise()
    n = len(split["test"])
    assert scorer.predict(test).mean() <= 0.05 + 3.5 * np.sqrt(0.05 * 0.95 / n)
    only_val = MoleculeDomainScorer().fit(train, val)  # the default: validation alone
    assert only_val.n_cross_fitted_ == 0 and only_val.n_calibration_ == len(val)
    loaded = scorer_from_state(json.loads(json.dumps(scorer.state_dict(), default=lambda a: a.tolist())))
    assert loaded.n_cross_fitted_ == scorer.n_cross_fitted_ and loaded.promise() == scorer.promise()
    assert np.allclose(loaded.score(test), scorer.score(test))
    with pytest.raises(ConfigError, match="'molecule_calibration'"):
        MoleculeDomainScorer(molecule_calibration="folds").fit(train, val)


def test_new_substructures_and_properties_out_of_range_are_seen(molecules):
    smiles, _ = molecules
    scorer = MoleculeDomainScorer(molecule_parts=["substructures", "property_ranges", "elements"],
                                  molecule_calibration="validation")
    scorer.fit(OODInputs(smiles=smiles[::3]), OODInputs(smiles=smiles[1::3]))
    held_out = scorer.component_scores(OODInputs(smiles=smiles[2::3]))
    new_groups = ["O=[N+]([O-])c1ccc(P(=O)(O)O)cc1", "CC(=O)OC1=CC=CC=C1S(=O)(=O)N=[N+]=[N-]"]
    parts = scorer.component_scores(OODInputs(smiles=new_groups))
    assert (parts["unseen_substructures"] > np.quantile(held_out["unseen_substructures"], 0.95)).all()
    huge = ["C" * 70, "c1ccccc1" + "C(=O)NCC" * 20]
    assert (scorer.component_scores(OODInputs(smiles=huge))["properties_out_of_range"] >= 2).all()
    assert scorer.predict(OODInputs(smiles=huge + new_groups)).all()


def test_the_config_names_every_part_and_the_calibration():
    from pydantic import ValidationError

    from mednn.config_ood import OODConfig
    from mednn.ood.molecules import PARTS

    assert OODConfig(molecule_parts=list(PARTS), molecule_calibration="validation").molecule_parts == list(PARTS)
    with pytest.raises(ValidationError):
        OODConfig(molecule_calibration="sometimes")
