"""How long a text may be, by kind of text: one policy that every form applies (issue 16).

A form field names the kind it holds (``max_length=textlimits.COMMENT``). A free-text field that names none
gets the policy for its shape from ``KompasForm``: ``LONG`` for a text area, ``SHORT`` for one line
(``default_for``); a field bound to a shorter database column keeps the column's length. Text areas show a
counter of the characters left (``data-maxlength``, kompas/core/static/core/kompas.js).

Plain data, no Django import.
"""

STATEMENT = 280  # a statement that participants of a dialogue vote on
TITLE = 200  # a title, a name, a heading
SHORT = 500  # one line: a source, a caption, a note on a value, what changed
COMMENT = 2000  # a comment, a reason, a note, an explanation, a free-text survey answer
LONG = 5000  # a description, an answer in an application or a follow-up, a story, a learning
LIST = 20000  # a pasted list of lines: statements, principles, questions, decision points
DOCUMENT = 30000  # a section of a council proposal

KINDS = {
    "statement": STATEMENT,
    "title": TITLE,
    "short": SHORT,
    "comment": COMMENT,
    "long": LONG,
    "list": LIST,
    "document": DOCUMENT,
}


def default_for(*, multiline: bool) -> int:
    """The limit of a free-text field that names no kind: a text area holds a long text, a line a short one."""
    return LONG if multiline else SHORT
