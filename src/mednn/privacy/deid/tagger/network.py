"""The tagger's network, for training (torch): word, casing-shape and character-CNN features of
each token, residual dilated convolutions over the note (each token sees 8 tokens on either
side; nothing runs step by step, so it is fast on a CPU), and a linear layer to one score per
BIO tag. :mod:`.inference` computes the same numbers with NumPy."""

from __future__ import annotations

import torch
from torch import nn

from .features import CHARS, N_SHAPES, TAGS

DILATIONS = (1, 2, 4, 1)  # each side sees 1 + 2 + 4 + 1 = 8 tokens


class TaggerNetwork(nn.Module):
    """``forward(words [B,T], shapes [B,T], chars [B,T,C]) -> logits [B,T,tags]``; word id 0
    marks padding (never read by a real token)."""

    def __init__(self, n_words: int, word_dim: int = 48, char_dim: int = 16, char_filters: int = 48,
                 shape_dim: int = 8, hidden: int = 64, dropout: float = 0.3):
        super().__init__()
        self.hparams = {"n_words": n_words, "word_dim": word_dim, "char_dim": char_dim,
                        "char_filters": char_filters, "shape_dim": shape_dim, "hidden": hidden, "dropout": dropout}
        self.words = nn.Embedding(n_words, word_dim, padding_idx=0)
        self.shapes = nn.Embedding(N_SHAPES, shape_dim, padding_idx=0)
        self.chars = nn.Embedding(len(CHARS) + 2, char_dim, padding_idx=0)
        self.char_conv = nn.Conv1d(char_dim, char_filters, kernel_size=3, padding=1)
        self.dropout = nn.Dropout(dropout)
        self.project = nn.Linear(word_dim + shape_dim + char_filters, 2 * hidden)
        self.convs = nn.ModuleList(nn.Conv1d(2 * hidden, 2 * hidden, 3, padding=d, dilation=d) for d in DILATIONS)
        self.out = nn.Linear(2 * hidden, len(TAGS))

    def forward(self, words: torch.Tensor, shapes: torch.Tensor, chars: torch.Tensor) -> torch.Tensor:
        b, t, c = chars.shape
        char_vectors = self.chars(chars.reshape(b * t, c)).transpose(1, 2)  # [B*T, dim, C]
        char_features = torch.relu(self.char_conv(char_vectors)).amax(dim=2).reshape(b, t, -1)
        x = self.dropout(torch.cat([self.words(words), self.shapes(shapes), char_features], dim=-1))
        keep = (words != 0).unsqueeze(-1).to(x.dtype)  # [B, T, 1]
        h = self.project(x)
        for conv in self.convs:
            # padding zeroed before every layer: a short window never reads the padding beside it
            h = h + torch.relu(conv((h * keep).transpose(1, 2)).transpose(1, 2))
        return self.out(self.dropout(h))
