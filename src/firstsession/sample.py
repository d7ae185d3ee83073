"""A realistic filled example sheet, for trying the export and for tests.

The person and the therapists are invented. Bank questions and prompts are taken
from the loaded content by position so the sample stays valid when writers
rename ids; feelings from the list are kept by id ("overwhelmed"), as every sheet
keeps them, so the sample shows its words in the language chosen now.
"""

from __future__ import annotations

from firstsession import content as content_mod
from firstsession.model import (
    AboutMe,
    ChosenQuestion,
    Feeling,
    PromptAnswer,
    Sheet,
    Therapist,
)


def sample_sheet(content: content_mod.Content | None = None) -> Sheet:
    c = content or content_mod.load()
    bank = c.all_questions()
    by_cat = {cat.id: cat.questions for cat in c.categories}

    def first(cat: str, n: int = 0) -> ChosenQuestion:
        q = by_cat.get(cat, bank)[n]
        return ChosenQuestion(q.id)

    questions = [
        first("credentials"),
        first("experience"),
        first("approach"),
        first("culture"),
        first("money"),
        first("confidentiality"),
        ChosenQuestion(
            "own-1", "Can we sometimes meet online when I travel for work?", starred=False, own=True
        ),
    ]
    questions[0].starred = True
    questions[3].starred = True

    prompts = {p.id: p for p in c.culture_prompts}
    culture_texts = {
        "heritage": (
            "My parents came from Lebanon and I grew up in Ohio. At home we spoke Arabic "
            "and English, often in the same sentence.",
            True,
        ),
        "family-roles": (
            "I am the oldest child. My family expects me to look after everyone, and saying "
            "no feels like letting them down.",
            True,
        ),
        "views-on-help": (
            "In my family we did not talk about feelings much. Asking for help can feel like "
            "weakness, though I know that is not true.",
            True,
        ),
        "faith": ("Faith matters to me, in a quiet way.", False),
        "understand": (
            "I want you to understand that family comes first for me, and I need help that "
            "fits with that, not advice to cut people off.",
            True,
        ),
    }
    culture = []
    for pid, (text, share) in culture_texts.items():
        if pid in prompts:
            culture.append(PromptAnswer(pid, text, share))
    prefs = [p.id for p in c.preference_prompts]
    preferences = []
    if prefs:
        preferences.append(
            PromptAnswer(prefs[0], "No strong preference, as long as they listen.", True)
        )
    if len(prefs) > 2:
        preferences.append(PromptAnswer(prefs[2], "Video is easiest; in person later, maybe.",
                                        True))

    answers_a = {
        questions[0].id: "Licensed professional counselor (LPC) for 9 years; gave me her license "
        "number to check on the state board website.",
        questions[1].id: "Works a lot with work stress and anxiety.",
        questions[3].id: "Has done training in culturally responsive care; asked good questions "
        "about my family.",
        questions[4].id: "$120 a session; sliding scale down to $80. Free 15-minute call.",
    }
    answers_b = {
        questions[0].id: "Licensed clinical social worker (LCSW).",
        questions[1].id: "Some experience; mostly works with couples.",
        questions[4].id: "In my insurance network; $30 copay.",
    }
    checklist = {item.id: i < 3 for i, item in enumerate(c.checklist)}
    return Sheet(
        about=AboutMe(name="Sam", pronouns="he/him",
                      language="English is fine; some Arabic would be a bonus"),
        country="US",
        what_brings_me=(
            "Work has been very stressful since the spring. I sleep badly, I snap at people I "
            "love, and I feel like I am always on edge."
        ),
        goals="Sleep better.\nFeel calmer at work.\nLearn to say no without feeling guilty.",
        hoped_change="I hope to feel like myself again, and to enjoy weekends with my family.",
        feelings=[
            Feeling("overwhelmed", intensity=8, when_where="Sunday evenings, and in meetings",
                    body="Tight chest, racing thoughts", helps="A long walk; talking to my sister"),
            Feeling("irritated", intensity=6, when_where="At home after work",
                    body="Tense jaw and shoulders", helps="Time alone for twenty minutes"),
            Feeling("lonely", intensity=5, when_where="Late at night",
                    body="Heavy, tired", helps="Calling a friend"),
            # Not every feeling is easy to put a number on: this one is left unrated.
            Feeling("hopeful", when_where="Since I decided to look for help",
                    body="Lighter", helps="Having a plan"),
            Feeling("stretched thin", own=True, intensity=7,
                    when_where="When family and work both need me",
                    body="Headaches", helps="Saying out loud what I need"),
        ],
        culture=culture,
        preferences=preferences,
        questions=questions,
        therapists=[
            Therapist(id="t-sample-1", name="Dr. Maya Okafor",
                      contact="(555) 014-2231 · Tuesdays and Thursdays",
                      answers=answers_a,
                      notes="Warm and calm on the phone. Felt easy to talk to.", fit=5),
            Therapist(id="t-sample-2", name="Jordan Lee, LCSW", contact="jordan@example.org",
                      answers=answers_b, notes="Friendly, but mostly sees couples.", fit=3),
        ],
        checklist=checklist,
        nervous_questions=(
            "What if I cry in the first session?\nIs it OK to talk about my family without "
            "feeling like I am betraying them?"
        ),
        notes="Bring the letter from my doctor about sleep.",
    )
