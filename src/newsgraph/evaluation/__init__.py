"""Evaluation against gold corpora (e.g. PolNeAR attributions); standard library only."""
