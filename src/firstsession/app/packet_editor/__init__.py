"""The counsellor packet editor: a practice makes (or edits) its own packet file.

Built in code rather than Designer: the form is one declarative table of the packet's
fields (``table``), from which the widgets are made, a packet is loaded and saved and
problems are named by field (``form``); three list editors of the same shape hold the
crisis lines, prompts and questions (``lists``); ``preview`` draws the handout beside the
form; ``window`` is the dialog, its saving and its closing. Every field has a label that
is its buddy and an accessible name.
"""

from firstsession.app.packet_editor.window import PacketEditor

__all__ = ["PacketEditor"]
