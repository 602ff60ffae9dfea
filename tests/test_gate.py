"""The accuracy gate: the real evaluations stay above their floors, and the gate can fail."""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SHARED, shared_file

ROOT = Path(__file__).resolve().parents[1]


def load_gate():
    spec = importlib.util.spec_from_file_location("gate", ROOT / "bench" / "gate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scores_are_at_or_above_their_floors():
    shared_file(SHARED / "data")  # the gold data: CI has ../shared beside the project
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "gate.py")], capture_output=True, text=True,
                          timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "actor_mentions.held_out_recall" in proc.stdout


@pytest.fixture
def fake_gate(tmp_path, monkeypatch):
    gate = load_gate()
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"toy": {"f1": 0.5}}))
    monkeypatch.setattr(gate, "BASELINE", baseline)
    monkeypatch.setattr(gate, "NOT_YET", {})
    return gate, baseline


def args(**kw):
    return argparse.Namespace(**{"json": False, "raise_floors": False, "lower_floors": False, "reason": None, **kw})


@pytest.mark.parametrize("score, code", [(0.49, 1), (0.5, 0), (0.7, 0)])
def test_gate_fails_below_a_floor(fake_gate, monkeypatch, score, code):
    gate, _ = fake_gate
    monkeypatch.setattr(gate, "MEASURES", {"toy": lambda: {"f1": score}})
    assert gate.run(args()) == code


def test_floors_rise_but_never_fall_silently(fake_gate, monkeypatch):
    gate, baseline = fake_gate
    monkeypatch.setattr(gate, "MEASURES", {"toy": lambda: {"f1": 0.734}})
    assert gate.run(args(raise_floors=True)) == 0
    assert json.loads(baseline.read_text())["toy"]["f1"] == 0.73
    monkeypatch.setattr(gate, "MEASURES", {"toy": lambda: {"f1": 0.6}})
    assert gate.run(args(raise_floors=True)) == 0
    assert json.loads(baseline.read_text())["toy"]["f1"] == 0.73  # raising never lowers
    assert gate.run(args(lower_floors=True)) == 2  # lowering needs a reason
    assert gate.run(args(lower_floors=True, reason="new gold data")) == 0
    assert json.loads(baseline.read_text())["toy"]["f1"] == 0.6
