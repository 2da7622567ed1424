"""The closed vocabularies the model's records use: highlight layers, PLOVER event categories
and their kinds, where an actor's country came from. Plain tuples and dicts, no imports.
"""

from __future__ import annotations

#: The six highlight layers, in display order (keys 1-6 toggle them).
LAYERS: tuple[str, ...] = ("people", "organizations", "places", "groups", "numbers", "dates")

#: The 16 PLOVER event types.
PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: Category -> (mode, tone): verbal or material, cooperative or hostile. Drives panel colours.
CATEGORY_KIND: dict[str, tuple[str, str]] = {
    "AGREE": ("verbal", "cooperative"),
    "CONSULT": ("verbal", "cooperative"),
    "SUPPORT": ("verbal", "cooperative"),
    "CONCEDE": ("material", "cooperative"),
    "COOPERATE": ("material", "cooperative"),
    "AID": ("material", "cooperative"),
    "RETREAT": ("material", "cooperative"),
    "REQUEST": ("verbal", "cooperative"),
    "ACCUSE": ("verbal", "hostile"),
    "REJECT": ("verbal", "hostile"),
    "THREATEN": ("verbal", "hostile"),
    "PROTEST": ("material", "hostile"),
    "SANCTION": ("material", "hostile"),
    "MOBILIZE": ("material", "hostile"),
    "COERCE": ("material", "hostile"),
    "ASSAULT": ("material", "hostile"),
}


#: The values ``Actor.country_source`` takes, strongest first.
COUNTRY_SOURCES: tuple[str, ...] = ("text", "knowledge", "context")
