"""The page that shows how the estimate of the next full inspection is made, and how often it has
been right: the frameworks' rhythms with their sources, the intervals these data show, the
backtest, and when the estimate does not apply. Every authority page's estimate links here.
"""

from __future__ import annotations

from generator.model import Dataset, Rhythm, Rule
from generator.next_inspection import (
    EARLY,
    IN_WINDOW,
    LATE,
    Backtest,
    NoWindow,
    Spread,
    Trial,
    backtest,
    last_day,
    spreads,
)
from generator.render import markdown as md
from generator.render.pages import sources_list

TITLE = "When Ofsted may come next"
#: How a window fared, in the order the backtest's table gives them.
VERDICTS = (IN_WINDOW, EARLY, LATE)


def _months(days: float) -> str:
    """Days as months, to the month: intervals between inspections are years long."""
    months = round(days / 30.44)
    return f"{months} month{'s' if months != 1 else ''}"


def rhythms(dataset: Dataset) -> list[tuple[str, Rhythm]]:
    """Each framework's rhythm, once (its types of inspection share it), by the framework's name."""
    found: dict[str, Rhythm] = {}
    for framework in dataset.frameworks.frameworks:
        if framework.rhythm is not None:
            found.setdefault(framework.framework, framework.rhythm)
    return list(found.items())


def rule_words(rule: Rule, rhythm: Rhythm) -> str:
    """``good or outstanding overall effectiveness``."""
    return f"{' or '.join(g.label.lower() for g in rule.grades)} {rhythm.area.label.lower()}"


def next_page(dataset: Dataset) -> str:
    """The method page (Markdown)."""
    tested = backtest(dataset)
    parts = [
        md.front_matter(TITLE, "How this site estimates when Ofsted may next inspect a local authority's children's "
                               "services, what the estimate rests on, and how often it has been right."),
        f"# {TITLE}",
        "Each current authority's page estimates when its next full inspection may begin. **It is an estimate, not "
        "a date Ofsted has announced.** It is the window that the framework of the authority's latest full "
        "inspection sets for the next one, counted from the last day of that inspection: what the framework says, "
        "shown below with its sources, and nothing else. Beside it, the intervals these data show between "
        "inspections say how the rule has worked out, and the backtest how often the window has held the start of "
        "the next inspection.",
        "## What the frameworks say {#rhythm}",
        *([_rhythm(name, rhythm) for name, rhythm in rhythms(dataset)]
          or ["No framework in these data has a rhythm with a source, so no window can be estimated."]),
        "## What these data show {#intervals}",
        _intervals(dataset),
        "## How often the window was right {#backtest}",
        _backtest(tested),
        "## When the estimate does not apply {#limits}",
        "\n".join([
            "- **After an inadequate judgement** there is no window: the authority has monitoring visits, and "
            "Ofsted inspects it again when it judges the time right. Its page lists the visits since; the intervals "
            "above show how long re-inspection has taken.",
            "- **After an inspection that gave no grade in the judgement a rhythm goes by** there is no window "
            "until a source says how soon the next one follows. ILACS inspections that began from April 2026 give "
            "no overall effectiveness grade, and the rhythm in these data goes by that grade.",
            "- **A framework changes the rhythm.** Ofsted revised ILACS in April 2026 and plans a renewed framework "
            "for 2027, whose scale and rhythm are not yet known. A window counted from an older framework's rule may "
            "not hold under the new one.",
            "- **Ofsted may come sooner.** A framework's rhythm is its usual practice: Ofsted can inspect earlier "
            "where it has concerns, and visits (focused visits, monitoring visits and joint targeted area "
            "inspections) come between full inspections.",
            "- **These data may be behind.** A window that has passed with no later inspection in these data may "
            "mean an inspection made since they were compiled: each page says how far its sources reach.",
        ]),
    ]
    return "\n\n".join(parts) + "\n"


def _rhythm(name: str, rhythm: Rhythm) -> str:
    rows = []
    for rule in rhythm.rules:
        window = (f"{rule.months[0]} to {rule.months[1]} months after the last day of the inspection"
                  if rule.months else "None")
        rows.append([md.text(rule_words(rule, rhythm)), md.text(rule.next or "Not stated"), window,
                     md.text(rule.note or "")])
    return "\n\n".join([f"### {md.text(name)}", md.table(["After", "Next full inspection", "Window", "What it says"], rows),
                        sources_list(rhythm.sources)])


def _intervals(dataset: Dataset) -> str:
    found = spreads(dataset)
    if not found:
        return "No two full inspections dated to the day follow one another under a framework with a rhythm here."
    rows = []
    for name, rhythm in rhythms(dataset):
        for rule in rhythm.rules:
            spread: Spread | None = found.get(rule)
            if spread is None:
                continue
            rows.append([md.text(name), md.text(rule_words(rule, rhythm)), str(len(spread.days)),
                         _months(spread.shortest), _months(spread.median), _months(spread.longest)])
    return "\n\n".join([
        "From the last day of each full inspection to the first day of the next at the same authority, for every "
        "pair of inspections dated to the day whose first was made under a framework with a rhythm, by the grade "
        "the first gave. An interval includes any pause in inspection, such as that of 2020.",
        md.table(["Framework", "After", "Inspections", "Shortest", "Median", "Longest"], rows),
    ])


def _verdicts(heading: str, groups: list[tuple[str, Backtest]]) -> str:
    """A table of how the windows of each group of trials fared, with its hit rate."""
    return md.table([heading, "Inspections", "Began in the window", "Before it", "After it", "Hit rate"],
                    [[md.text(label), str(group.windowed), *(str(group.count(v)) for v in VERDICTS),
                      f"{group.hit_rate:.0%}"] for label, group in groups])


def _backtest(tested: Backtest) -> str:
    if not tested.trials:
        return md.text(tested.summary())
    by_rule: dict[str, list[Trial]] = {}
    by_year: dict[int, list[Trial]] = {}
    unwindowed: dict[str, int] = {}
    for trial in tested.trials:
        estimate = trial.estimate
        if isinstance(estimate, NoWindow):
            why = (f"after {rule_words(estimate.rule, estimate.rhythm)}" if estimate.rule and estimate.rhythm
                   else estimate.why)
            unwindowed[why] = unwindowed.get(why, 0) + 1
        else:
            by_rule.setdefault(rule_words(estimate.rule, estimate.rhythm), []).append(trial)
            by_year.setdefault(last_day(estimate.after).year, []).append(trial)
    parts = [
        f"For every full inspection that began on or after {tested.since:%-d %B %Y} and followed another at the "
        "same authority (both dated to the day): would the window read the day after the earlier one ended have "
        "held its first day? The window is the framework's, so nothing in it was fitted to these inspections. An "
        "authority whose window has passed with no later inspection in these data is not a trial: it has no next "
        "inspection to try, so the hit rate leaves out windows that may yet prove late.",
        f"**{md.text(tested.summary())}**",
    ]
    if by_rule:
        parts += [
            _verdicts("After", [(label, Backtest(tested.since, tuple(trials))) for label, trials in by_rule.items()]),
            "By the year the earlier inspection ended: windows read from inspections of 2018 to 2020 ran late far "
            "more often than those read since (the intervals above include any pause in inspection).",
            _verdicts("Earlier inspection ended", [(str(year), Backtest(tested.since, tuple(trials)))
                                                   for year, trials in sorted(by_year.items())]),
        ]
    if unwindowed:
        parts.append("With no window: " + "; ".join(f"{md.text(why)}: {n}" for why, n in unwindowed.items()) + ".")
    parts.append("`make bench` prints the same line.")
    return "\n\n".join(parts)
