"""Explanations, one file per modality, registered by modality in :mod:`.base`:

- ``tabular.py``: SHAP importance and per-patient contributions, LIME, a surrogate tree with its
  fidelity, first-layer weight heatmap;
- ``images.py``: Grad-CAM, Integrated Gradients, occlusion (middle slice / projection for 3D);
- ``text.py``: token attributions (Integrated Gradients, gradient x input on TF-IDF);
- ``molecules.py``: atom attributions drawn on the structure;
- ``weights.py``: the seed's first-layer weights drawn as images.
"""
