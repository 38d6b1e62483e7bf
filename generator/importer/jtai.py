"""What a joint targeted area inspection's letter says of itself: its theme and its days.

Ofsted, the Care Quality Commission and HM Inspectorate of Constabulary and Fire & Rescue
Services inspect an area's agencies together, each time on one theme ("the multi-agency response
to children and families who need help"), and write one letter to the area's leaders. The site
shows such an inspection as an event from the moment it is published, with its theme and days
where the letter states them plainly: the opening names the theme ("the joint targeted area
inspection (JTAI) of the multi-agency response to serious youth violence in Croydon") and a
sentence gives the days ("This inspection took place from 18 to 22 March 2024", "between 4 and
8 March 2024"). Its findings are not read yet. Nothing is guessed: what is not stated plainly
is left out, with the reason in ``problems``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.importer.letter import visit_days
from generator.importer.text import clean, flat
from generator.model import TEXT_LIMIT as THEME_LIMIT

#: The theme runs to "in" and the area's name, which begins with a capital letter: "children in
#: need" and "abuse in the family environment in Leeds" are read to the place, not to the first "in".
_THEME = re.compile(r"(?i:joint targeted area inspection)\s*(?:\(JTAI\)\s*)?(?i:of)\s+(?:the\s+)?"
                    r"(?P<theme>(?i:multi-agency)\s+(?:response|arrangements|work)\s+[^.]*?)"
                    r"\s+in\s+(?:the\s+)?[A-Z][a-z]")
_DAYS = re.compile(r"\b(?:took place|was carried out|were carried out)\b[^.]*?\b(?:on|between|from)\s+"
                   r"(?P<days>[0-9]{1,2}\b[^.]*?\b(?P<year>20[0-9]{2}))\b", re.IGNORECASE)


@dataclass
class JtaiFacts:
    theme: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    problems: list[str] = field(default_factory=list)


def read_jtai(lines: list[str]) -> JtaiFacts:
    """The theme and days a letter's text states (see ``pdftext.letter_lines``)."""
    text = flat([clean(line) for line in lines])
    facts = JtaiFacts()
    theme = _THEME.search(text)
    if theme is None:
        facts.problems.append("no sentence naming the inspection's theme ('joint targeted area inspection of the "
                              "multi-agency response to … in …')")
    elif len(" ".join(theme["theme"].split())) > THEME_LIMIT:
        facts.problems.append(f"its theme is longer than {THEME_LIMIT} characters; theme left out")
    else:
        words = " ".join(theme["theme"].split())
        facts.theme = words[:1].upper() + words[1:]
    days = _DAYS.search(text)
    read = visit_days(days["days"], int(days["year"])) if days else "are not stated in a sentence such as 'This " \
                                                                       "inspection took place from … to …'"
    if isinstance(read, str):
        facts.problems.append(f"the days of the inspection {read}")
    else:
        facts.start, facts.end = read
    return facts
