"""The editors' guide's page of commands, written from the command line's own parser.

Each command's summary, usage, description, options and examples come from the parser that
runs it (``generator.arguments``), so the page says what ``--help`` says and cannot drift from
it. argparse has no public way to list a parser's commands and options; the attributes read
here (``_actions``, ``_action_groups`` and the formatter's) are the ones its own help uses, and
tools that document argparse programs (sphinx-argparse among them) read them too.
"""

from __future__ import annotations

import argparse
import textwrap

from generator.render import markdown as md

#: Usage lines are wrapped at this width on the page, whatever the terminal's, so that every
#: build writes the same page.
WIDTH = 88


def commands_page(parser: argparse.ArgumentParser) -> str:
    """The page: a table of the commands, what every command shares, then a section for each."""
    commands = subcommands(parser)
    parts = [
        md.front_matter("Commands", "Every command of the generator's command line, with its options and examples."),
        "# Commands",
        "This page is generated from the command line itself, so it says exactly what "
        f"{md.code(parser.prog + ' COMMAND --help')} says. Run the commands in the project folder; each "
        f"also explains itself with {md.code('--help')}.",
        md.table(["Command", "What it does"],
                 # the name as plain link text: code inside a link falls short of 4.5:1 in the dark palette
                 [[f"[{md.text(name)}](#{_anchor(name)})", md.text(summary)] for name, summary, _ in commands]),
        *_section(parser, "Every command", "every-command"),
    ]
    for name, _, command in commands:
        parts += _section(command, name, _anchor(name))
    return "\n\n".join(parts) + "\n"


def _section(parser: argparse.ArgumentParser, title: str, anchor: str) -> list[str]:
    """A parser's section: its description, usage, options by group, and epilog with examples."""
    parts = [f"## {md.text(title)} {{#{anchor}}}", md.text(parser.description or ""), md.code_block(_usage(parser))]
    formatter = _formatter(parser)
    for number, (group, actions) in enumerate(options(parser), 1):
        rows = [[md.code(formatter._format_action_invocation(action)), "yes" if action.required else "no",
                 md.text(formatter._expand_help(action) if action.help else "")] for action in actions]
        parts += [f"### {md.text(group[:1].upper() + group[1:])} {{#{anchor}-{number}}}",
                  md.table(["Option", "Required", "Meaning"], rows)]
    for paragraph in (parser.epilog or "").split("\n\n"):
        first, _, examples = paragraph.partition("\n")  # a paragraph with lines under its first: examples
        if examples:
            parts += [f"### {md.text(first.rstrip(':').capitalize())} {{#{anchor}-examples}}",
                      md.code_block(textwrap.dedent(examples))]
        elif paragraph:
            parts.append(md.text(paragraph))
    return parts


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """Each command of ``parser``: its name, its one-line summary and its own parser."""
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    summaries = {choice.dest: choice.help or "" for choice in action._choices_actions}
    return [(name, summaries[name], command) for name, command in action.choices.items()]


def options(parser: argparse.ArgumentParser) -> list[tuple[str, list[argparse.Action]]]:
    """The options of ``parser`` by group (title, options), as its help lists them, leaving out
    ``--help`` (every command has it) and the choice of command."""
    groups = []
    for group in parser._action_groups:
        actions = [a for a in group._group_actions
                   if not isinstance(a, (argparse._HelpAction, argparse._SubParsersAction))]
        if actions:
            groups.append((group.title or "options", actions))
    return groups


def _usage(parser: argparse.ArgumentParser) -> str:
    formatter = _formatter(parser)
    formatter.add_usage(parser.usage, parser._actions, parser._mutually_exclusive_groups, prefix="")
    return formatter.format_help().strip()


def _formatter(parser: argparse.ArgumentParser) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(parser.prog, width=WIDTH)


def _anchor(name: str) -> str:
    return f"command-{name}"
