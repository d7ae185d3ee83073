"""A realistic example counsellor packet (``firstsession sample --packet``).

The practice, people, numbers and addresses are invented: phone numbers use the
555 range and addresses the example.org domain. The 988 line is real (US).
"""

from __future__ import annotations

import io

from firstsession.packet import (
    LocalCrisisLine,
    Logo,
    Packet,
    PacketPrompt,
    PacketQuestion,
    Practice,
)
from firstsession.packet_logo import logo_from_bytes
from firstsession.paths import resource_dir
from firstsession.steps import STEP_IDS

PRACTICE_NAME = "Riverside Counseling Collective"


def sample_packet() -> Packet:
    """A filled-in packet as a small practice in the US might make it."""
    return Packet(
        practice=Practice(
            name=PRACTICE_NAME,
            clinicians=[
                "Dr. Amara Okafor, PhD, Licensed Psychologist",
                "Daniel Reyes, LCSW",
            ],
            address="214 Mill Street, Suite 3\nRiverside, OR 97000",
            phone="(555) 014-2290",
            email="hello@riverside-counseling.example.org",
            website="www.riverside-counseling.example.org",
        ),
        logo=sample_logo(),
        welcome_note=(
            "Welcome. We are glad you reached out. Starting counseling can feel like a lot, "
            "and it is okay to feel nervous.\n\n"
            "This packet helps you get ready for your first session. Fill in as much or as "
            "little as you like. You can skip anything, and you can bring it on paper or on "
            "your phone. There are no wrong answers."
        ),
        fees=(
            "A first session (about 60 minutes) is $140. Later sessions (about 50 minutes) "
            "are $120. You can pay by card, cash or check at each visit."
        ),
        insurance=(
            "We are in network with several major insurance plans. Call us with your plan "
            "name and we will check your benefits before your first visit. We can also give "
            "you a receipt (a \"superbill\") to send to your plan yourself."
        ),
        sliding_scale=(
            "We keep some sliding-scale places for people on lower incomes, from $40 a "
            "session. Just ask: you do not need to show paperwork to start the talk."
        ),
        cancellation=(
            "Please let us know at least 24 hours ahead if you need to cancel or move a "
            "session. Late cancellations may be charged $60, unless something sudden came "
            "up. We understand that life happens."
        ),
        session_format="both",
        confidentiality=(
            "What you share in counseling stays between you and your counselor. We do not "
            "share it without your written permission.\n\n"
            "There are a few exceptions the law sets: if someone is in serious danger, if a "
            "child or vulnerable adult is being harmed, or if a court orders records. Your "
            "counselor will go over this with you in the first session, and you can ask "
            "questions at any time."
        ),
        crisis_lines=[
            LocalCrisisLine(
                name="988 Suicide & Crisis Lifeline",
                contact="Call or text 988",
                detail="Free and confidential, 24 hours a day, 7 days a week.",
            ),
            LocalCrisisLine(
                name="Riverside County Crisis Line",
                contact="(555) 014-7700",
                detail="Local support from trained counselors, day and night.",
            ),
        ],
        language="en",
        country="US",
        steps=list(STEP_IDS),
        prompts=[
            PacketPrompt(
                id="best-times",
                label="What days and times are easiest for you to come to sessions?",
                help="For example, weekday evenings, or online during a lunch break.",
            ),
            PacketPrompt(
                id="support-people",
                label="Who in your life supports you right now?",
                help="Friends, family, a faith community, a pet. It is fine if the "
                "answer is no one right now.",
            ),
        ],
        prompts_mode="add",
        questions=[
            PacketQuestion(
                id="online-or-office",
                text="Can I switch between online and in-office sessions?",
                why="Knowing this helps you plan around work, travel or a bad day.",
            ),
            PacketQuestion(
                id="sliding-scale",
                text="How do I ask for a sliding-scale fee?",
                why="Cost should not be the reason someone stops coming.",
            ),
            PacketQuestion(
                id="between-sessions",
                text="How can I reach you between sessions, and how fast do you reply?",
                why="It helps to know what to do if something comes up before next time.",
            ),
        ],
        questions_mode="add",
    )


def sample_logo() -> Logo:
    """A small 240 x 80 logo drawn in code: soft river waves and the practice's name."""
    from PIL import Image, ImageDraw, ImageFont  # only needed when the sample is made

    width, height = 240, 80
    image = Image.new("RGB", (width, height), (244, 249, 248))
    draw = ImageDraw.Draw(image)
    # three soft waves on the left
    for i, colour in enumerate(((120, 178, 170), (88, 150, 160), (60, 118, 140))):
        top = 18 + i * 14
        draw.arc((8, top, 40, top + 20), start=180, end=360, fill=colour, width=4)
        draw.arc((36, top, 68, top + 20), start=0, end=180, fill=colour, width=4)
    try:
        font_path = resource_dir("fonts") / "NotoSans-Bold.ttf"
        big: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            str(font_path), 22
        )
        small: ImageFont.FreeTypeFont | ImageFont.ImageFont = ImageFont.truetype(
            str(font_path), 12
        )
    except OSError:  # no font file or no FreeType: the plain built-in font will do
        big = small = ImageFont.load_default()
    draw.text((80, 14), "Riverside", fill=(40, 88, 104), font=big)
    draw.text((81, 46), "COUNSELING COLLECTIVE", fill=(90, 128, 136), font=small)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return logo_from_bytes(buffer.getvalue(), "image/png")
