"""extract --jobs N: batches of about equal text, in input order, smaller towards the end."""

from __future__ import annotations

from newsreader.cli import _balanced_batches


def _files(tmp_path, sizes):
    files = []
    for i, size in enumerate(sizes):
        path = tmp_path / f"{i:03d}.txt"
        path.write_bytes(b"x" * size)
        files.append(path)
    return files


def test_batches_keep_input_order_and_every_file(tmp_path):
    files = _files(tmp_path, [3000, 200, 9000, 4000, 4000, 150, 150, 150, 20000, 3500] * 3)
    batches = _balanced_batches(files, 2)
    assert [p for batch in batches for p in batch] == [str(f) for f in files]
    assert all(batches)


def test_a_long_document_is_a_batch_of_its_own_and_short_ones_go_together(tmp_path):
    sizes = [4000] * 10 + [60000] + [400] * 20 + [4000] * 10
    files = _files(tmp_path, sizes)
    batches = _balanced_batches(files, 2)
    assert [str(files[10])] in batches
    short = next(batch for batch in batches if str(files[11]) in batch)
    assert len(short) > 2  # several short documents in one batch


def test_the_last_batches_get_smaller(tmp_path):
    files = _files(tmp_path, [4000] * 60)
    batches = _balanced_batches(files, 2)
    assert len(batches[0]) == 2 and len(batches[-1]) == 1


def test_feed_entries_without_a_file_get_a_typical_size(tmp_path):
    files = [*_files(tmp_path, [4000] * 4), tmp_path / "feed.xml#1", tmp_path / "feed.xml#2"]
    batches = _balanced_batches(files, 2)
    assert [p for batch in batches for p in batch] == [str(f) for f in files]
    assert _balanced_batches([], 2) == []
