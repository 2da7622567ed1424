"""Reactions and events: who did what, read off the dependency parse with a trigger lexicon.

* ``lexicon``   -- the trigger lexicon, loaded from data files and handed to the extractor;
* ``clauses``   -- pure predicates over parsed clauses (negation, modality, passive, hedges,
  quotes, headline shapes, line segments);
* ``triggers``  -- which verb or noun is an act, and of which PLOVER category (light verbs,
  control chains, orders, refusals, nominal events);
* ``agents``    -- who acted: entities and descriptions resolved to actors;
* ``extractor`` -- walks the sentences and composes the above; the public entry points
  ``extract_actors_and_reactions`` and ``extract_actors_reactions_events``.

This package imports nothing on its own: import the module you need.
"""
