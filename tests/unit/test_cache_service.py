"""AnalysisService and the analyze() composition, with stand-in stages (no spaCy needed).

The stand-ins implement the stage contracts (pipeline.parse -> chunks, extract_entities,
extract_figures, extract_actors_and_reactions) with trivial rules, so these tests check the
plumbing: caching, version keys, laziness, thread safety, failure isolation. The real stages
are exercised by tests/integration/test_extract*.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
import threading
import types
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import newsreader.analysis as analysis_pkg
from newsreader.analysis import analyze as analyze_mod
from newsreader.analysis.cache import AnalysisCache
from newsreader.analysis.service import AnalysisService
from newsreader.model.analysis import Actor, Entity, Figure, Reaction
from newsreader.model.document import Metadata

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class FakeChoice:
    name: str
    version: str
    rule_only: bool = False


@dataclass
class FakeChunk:
    offset: int
    doc: str


class FakeNlp:
    max_length = 1000


@dataclass
class FakePipeline:
    nlp: FakeNlp
    name: str
    rule_only: bool
    notices: list


class StandIns:
    """Installs fake stage modules; counts loads and parses."""

    def __init__(self, monkeypatch):
        self.loads = 0
        self.parses = 0
        self.version = "fake-1"
        self.rule_only = False
        self.fail_stage: str | None = None
        self.gate: threading.Event | None = None
        self.monkeypatch = monkeypatch
        pipeline = types.ModuleType("newsreader.analysis.pipeline")
        pipeline.Chunk = FakeChunk
        versions = types.ModuleType("newsreader.analysis.versions")
        versions.resolve_model = lambda name=None: FakeChoice(name or "fake_model", "1.0", self.rule_only)
        versions.version_key = lambda choice: f"{choice.name}-{choice.version}-{self.version}"
        pipeline.load_pipeline = self.load_pipeline
        pipeline.parse = self.parse
        pipeline.parse_many = self.parse_many
        self.batches: list[list[str]] = []
        entities = types.ModuleType("newsreader.analysis.entities")
        entities.extract_entities = self.extract_entities
        figures = types.ModuleType("newsreader.analysis.figures")
        figures.extract_figures = self.extract_figures
        extractor = types.ModuleType("newsreader.analysis.events.extractor")
        extractor.extract_actors_and_reactions = self.extract_actors_and_reactions
        extractor.extract_actors_reactions_events = lambda chunks, ents, meta=None: (
            *self.extract_actors_and_reactions(chunks, ents, meta),
            [],
        )
        for name, module in (
            ("pipeline", pipeline),
            ("versions", versions),
            ("entities", entities),
            ("figures", figures),
        ):
            monkeypatch.setitem(sys.modules, f"newsreader.analysis.{name}", module)
            monkeypatch.setattr(analysis_pkg, name, module, raising=False)
        # the reaction stage: "from newsreader.analysis.events import extractor" finds the package's attribute
        import newsreader.analysis.events as events_pkg

        monkeypatch.setitem(sys.modules, "newsreader.analysis.events.extractor", extractor)
        monkeypatch.setattr(events_pkg, "extractor", extractor, raising=False)

    def load_pipeline(self, name=None):
        self.loads += 1
        notices = ["rule-only pipeline: no model installed"] if self.rule_only else []
        return FakePipeline(
            FakeNlp(), "rule-only" if self.rule_only else f"{name or 'fake_model'}-1.0", self.rule_only, notices
        )

    def parse(self, pipeline, text):
        self.parses += 1
        if self.gate is not None:
            self.gate.wait(5)
        # split on paragraph breaks like the real parse does for long texts
        chunks, offset = [], 0
        for para in text.split("\n\n"):
            chunks.append(FakeChunk(offset, para))
            offset += len(para) + 2
        return chunks

    def parse_many(self, pipeline, texts):
        self.batches.append(list(texts))
        return [self.parse(pipeline, text) for text in texts]

    def extract_entities(self, chunks):
        if self.fail_stage == "entities":
            raise RuntimeError("entities broke")
        return [
            Entity(c.offset + m.start(), c.offset + m.end(), m.group(), "GPE", "places")
            for c in chunks
            for m in re.finditer(r"\b[A-Z][a-z]+\b", c.doc)
        ]

    def extract_figures(self, chunks):
        if self.fail_stage == "figures":
            raise ValueError("figures broke")
        return [
            Figure(int(m.group()), False, m.group(), None, None, (c.offset + m.start(), c.offset + m.end()))
            for c in chunks
            for m in re.finditer(r"\d+", c.doc)
        ]

    def extract_actors_and_reactions(self, chunks, entities, meta=None):
        actors = [Actor(f"a{i}", e.text, "country", None, None, [(e.start, e.end)]) for i, e in enumerate(entities)]
        reactions = [Reaction(a.id, None, "CONSULT", "met", None, a.mentions[0]) for a in actors[:1]]
        return actors, reactions


@pytest.fixture
def stages(monkeypatch):
    return StandIns(monkeypatch)


@dataclass
class Doc:
    """The parts of ``library.Document`` the service reads."""

    text: str
    path: str = "x.md"
    meta: Metadata = field(default_factory=Metadata)


def test_analyze_composes_the_stages(stages):
    pipeline = stages.load_pipeline()
    text = "Kazakhstan said 70.\n\nChina agreed."
    result = analyze_mod.analyze(text, pipeline)
    assert result.model == "fake_model-1.0"
    assert [text[e.start : e.end] for e in result.entities] == ["Kazakhstan", "China"]
    assert [f.value for f in result.figures] == [70]
    assert [a.name for a in result.actors] == ["Kazakhstan", "China"]
    assert len(result.reactions) == 1
    assert result.complete and result.notices == []


def test_pipeline_notices_are_carried_over(stages):
    stages.rule_only = True
    result = analyze_mod.analyze("Text.", stages.load_pipeline())
    assert result.model == "rule-only"
    assert result.notices == ["rule-only pipeline: no model installed"]


def test_a_failing_stage_keeps_the_others(stages):
    stages.fail_stage = "figures"
    result = analyze_mod.analyze("Kazakhstan said 70.", stages.load_pipeline())
    assert [e.text for e in result.entities] == ["Kazakhstan"]
    assert result.figures == []
    assert result.actors, "reactions still ran on the entities"
    assert not result.complete
    assert analyze_mod.stage_failed(result)
    assert any("figures" in n and "ValueError" in n for n in result.notices)


def test_analyze_many_batches_texts_and_matches_one_by_one(stages, monkeypatch):
    monkeypatch.setattr(analyze_mod, "BATCH_CHARS", 100)
    pipeline = stages.load_pipeline()
    texts = ["Alpha met Beta.", "Gamma 5.", "x" * 150 + "\n\nDelta 3.", "", "Echo 1.", "Foxtrot 2."]
    batched = list(analyze_mod.analyze_many(texts, pipeline, batch_size=2))
    single = [analyze_mod.analyze(t, pipeline) for t in texts]
    assert batched == single
    # at most 2 texts or 100 characters a batch; a long text goes alone (parse, not parse_many)
    assert stages.batches == [["Alpha met Beta.", "Gamma 5."], ["", "Echo 1."]]


def test_a_failing_batch_is_retried_one_by_one(stages):
    def broken(pipeline, texts):
        raise RuntimeError("batch broke")

    sys.modules["newsreader.analysis.pipeline"].parse_many = broken
    pipeline = stages.load_pipeline()
    out = list(analyze_mod.analyze_many(["Alpha 1.", "Bravo 2."], pipeline))
    assert [r.entities[0].text for r in out] == ["Alpha", "Bravo"]
    assert all(r.complete for r in out)


def test_service_caches_and_reuses(stages):
    doc = Doc("Kazakhstan said 70.")
    service = AnalysisService()
    assert service.cached(doc) is None
    first = service.analyze(doc)
    assert stages.parses == 1 and stages.loads == 1
    assert service.cached(doc) == first
    # a new service (a later run) gets it from disk without loading the pipeline
    later = AnalysisService()
    assert later.analyze(doc) == first
    assert stages.loads == 1 and stages.parses == 1
    assert not later.pipeline_loaded


def test_version_change_invalidates(stages):
    doc = Doc("Kazakhstan said 70.")
    AnalysisService().analyze(doc)
    stages.version = "fake-2"  # new code or data files
    service = AnalysisService()
    assert service.cached(doc) is None
    service.analyze(doc)
    assert stages.parses == 2


def test_model_choice_is_part_of_the_key(stages):
    doc = Doc("Kazakhstan said 70.")
    AnalysisService(model="model_a").analyze(doc)
    assert AnalysisService(model="model_b").cached(doc) is None
    assert AnalysisService(model="model_a").cached(doc) is not None


def test_no_cache_neither_reads_nor_writes(stages, tmp_path):
    doc = Doc("Kazakhstan said 70.")
    service = AnalysisService(use_cache=False)
    service.analyze(doc)
    service.analyze(doc)
    assert stages.parses == 2
    assert AnalysisService().cached(doc) is None


def test_partial_results_are_not_cached(stages):
    stages.fail_stage = "entities"
    doc = Doc("Kazakhstan said 70.")
    service = AnalysisService()
    assert not service.analyze(doc).complete
    assert service.cached(doc) is None


def test_notices_report_rule_only_and_cache_bypass(stages, tmp_path):
    stages.rule_only = True
    blocker = tmp_path / "file"
    blocker.write_text("")
    service = AnalysisService(cache=AnalysisCache(blocker / "analysis.sqlite"))
    assert any("rule-only" in n for n in service.notices)
    service.analyze(Doc("Text."))
    assert any("will not be kept" in n for n in service.notices)


def test_threads_share_one_pipeline_load(stages):
    service = AnalysisService(use_cache=False)
    gate = threading.Event()
    stages.gate = gate
    results, errors = [], []

    def work(i):
        try:
            results.append(service.analyze(Doc(f"Country{i} said {i}.")))
        except Exception as exc:  # noqa: BLE001  # pragma: no cover - every failure is reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    gate.set()
    for t in threads:
        t.join(10)
    assert not errors
    assert len(results) == 6
    assert stages.loads == 1


def test_analyze_many_mixes_cached_and_fresh_in_order(stages):
    names = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]
    docs = [Doc(f"{name} said {i}.") for i, name in enumerate(names)]
    service = AnalysisService()
    service.analyze(docs[2])
    second = AnalysisService()
    out = list(second.analyze_many(docs))
    assert [r.entities[0].text for r in out] == names
    assert stages.batches == [[d.text for i, d in enumerate(docs) if i != 2]], "cached one not re-parsed"
    assert all(AnalysisService().cached(d) is not None for d in docs)


CACHED_LOOKUP = textwrap.dedent(
    """
    import sys
    from newsreader.analysis.service import AnalysisService
    from newsreader.model.analysis import Analysis, Entity
    from newsreader.model.document import Metadata
    class Doc:
        text = "Kazakhstan President Tokayev spoke."
        path = "x.md"
        meta = Metadata()
    service = AnalysisService()
    service._cache.put(__import__("newsreader.analysis.cache", fromlist=["x"]).text_key(Doc.text),
                       service.version_key, Analysis(model="m", entities=[Entity(0, 10, "Kazakhstan", "GPE", "places")]))
    hit = AnalysisService().cached(Doc())
    assert hit is not None and hit.entities[0].text == "Kazakhstan", hit
    print("spacy" in sys.modules, "thinc" in sys.modules)
    """
)


def test_cached_lookup_does_not_import_spacy(tmp_path):
    """The real resolve_model/version_key must stay cheap: a cached article opens without spaCy."""
    pytest.importorskip("newsreader.analysis.pipeline")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tui"), "XDG_CACHE_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", CACHED_LOOKUP], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "False"]


def test_very_long_texts_are_analysed_up_to_the_limit(stages, monkeypatch):
    import newsreader.analysis.service as service_mod

    monkeypatch.setattr(service_mod, "MAX_ANALYSIS_CHARS", 60)
    text = "Alpha said 1.\n\n" * 10  # 150 characters
    for result in (
        AnalysisService().analyze(Doc(text)),
        next(AnalysisService(use_cache=False).analyze_many([Doc(text)])),
    ):
        assert not result.complete
        assert any("only the first 60 of 150 characters" in n for n in result.notices)
        assert max(e.end for e in result.entities) <= 60
        assert [text[e.start : e.end] for e in result.entities] == ["Alpha"] * 4  # cut at a paragraph break
    # the partial result is still cached (it is what this version will always produce)
    assert AnalysisService().cached(Doc(text)) is not None


def test_cached_lookups_do_not_wait_for_the_pipeline_to_load(stages):
    """The reader flips to a cached article while another one's model is still loading."""
    doc = Doc("Kazakhstan said 70.")
    AnalysisService().analyze(doc)
    gate = threading.Event()
    loading = threading.Event()
    loaded = threading.Event()
    real_load = stages.load_pipeline

    def slow_load(name=None):
        loading.set()
        gate.wait(120)  # opened by the test once cached() has answered
        pipeline = real_load(name)
        loaded.set()
        return pipeline

    sys.modules["newsreader.analysis.pipeline"].load_pipeline = slow_load
    service = AnalysisService()
    worker = threading.Thread(target=service.analyze, args=(Doc("China agreed."),))
    worker.start()
    try:
        assert loading.wait(120)
        assert service.cached(doc) is not None
        # The load is still held at the gate: the lookup answered without waiting for it (had
        # it waited, it could only have returned after the load, which needs the gate).
        assert not loaded.is_set() and worker.is_alive()
    finally:
        gate.set()
        worker.join(120)
