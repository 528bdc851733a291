import tempfile
from pathlib import Path

import numpy as np
import pytest

from tactics.demos import t27_minimize_referencing_to_data as demo


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return tmp_path_factory.mktemp("t27-scratch")


@pytest.fixture(scope="module")
def result(scratch):
    """run() with the system temp dir pointed at an empty folder, to see what it leaves."""
    previous = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        return demo.run(quick=True, seed=0)
    finally:
        tempfile.tempdir = previous


@pytest.fixture(scope="module")
def small_files(tmp_path_factory):
    s = demo.Settings(rows=1_000, features=5, epochs=3, batch=200, repeats=1)
    return demo.write_dataset(tmp_path_factory.mktemp("t27-small"), s, seed=1), s


def test_run_removes_its_temporary_files(result, scratch):
    assert list(Path(scratch).iterdir()) == []


def test_rows_baseline_first_and_labelled(result):
    assert [r.name for r in result.rows] == list(demo.VARIANTS)
    for row in result.rows:
        assert row.kind in {"measured", "estimated", "partially estimated"}
        assert row.backend and row.joules > 0
        assert row.quality_name == "accuracy"
        assert {"MB read from files", "MB copied", "MB held in process", "text parses"} <= set(
            row.extra
        )


def test_every_loader_trains_the_identical_model(result):
    qualities = {row.quality for row in result.rows}
    assert len(qualities) == 1
    assert result.baseline.quality > 0.85


def test_decoding_once_saves_energy(result):
    assert result.saving(demo.CACHE) >= 0.3
    assert result.saving(demo.VIEWS) >= 0.3
    assert result.saving(demo.MMAP) >= 0.25


def test_byte_ledger(result):
    s = demo.settings(quick=True)
    base, cache, views, mmap = (result.row(v).extra for v in demo.VARIANTS)
    assert base["text parses"] == s.epochs and cache["text parses"] == 1
    assert base["MB read from files"] == pytest.approx(s.epochs * cache["MB read from files"], 0.02)
    assert views["MB copied"] < cache["MB copied"] < base["MB copied"]
    assert mmap["MB held in process"] == 0 and cache["MB held in process"] > 0


def test_loaders_feed_identical_batches(small_files):
    files, s = small_files
    models = [demo.train_epochs(v, files, s, seed=3)[0] for v in demo.VARIANTS]
    for other in models[1:]:
        np.testing.assert_array_equal(models[0].coef_, other.coef_)


def test_decode_counts_bytes(small_files):
    files, _ = small_files
    ledger = demo.ByteLedger()
    X, y = demo.decode_csv(files.csv, ledger)
    assert X.shape == (1_000, 5) and X.flags["C_CONTIGUOUS"]
    assert ledger.read == files.csv_bytes and ledger.decodes == 1
    assert ledger.copied >= X.nbytes + y.nbytes


def test_unknown_variant_is_rejected(small_files):
    files, s = small_files
    with pytest.raises(ValueError, match="variant"):
        demo.train_epochs("telepathy", files, s, seed=0)


def test_views_and_copies_table():
    table = demo.views_and_copies()
    assert table.loc["X[100:600]", "result"] == "view"
    assert table.loc["X[idx]", "result"] == "copy"
    assert table.loc["np.ascontiguousarray(X[:, :10])", "result"] == "copy"
    assert table.loc["np.ascontiguousarray(X)", "result"] == "view"
    assert (table.loc[table["result"] == "view", "bytes copied"] == 0).all()
