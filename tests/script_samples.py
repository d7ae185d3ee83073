"""One line of data per script for the engine's tests, benches and report (a script = a line).

Each row: (key, BCP 47 tag, text, readback). ``readback`` says what pypdf's
``extract_text`` gives back, as tested in tests/test_script_pdf.py:
- "exact": the text itself (NFC, whitespace squashed);
- "words": the same words in any order after NFKC (right-to-left lines: pypdf reads
  them left to right as drawn);
- a float: the measured share (0-1) of the letters read back, a floor for the test.

Texts are short, kind, everyday words (most checked in the research prototypes,
/work/wt/r11/samples.py). ``None`` as the tag: a mix, or a script shared by
several languages (``scripts.language_of`` gives None for those).
"""

from __future__ import annotations

import unicodedata

NFD_NGUYEN = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
ISSUE_EXAMPLE = "Say hello to my mum: شكرا جزيلا and 谢谢你 🙂"

SAMPLES: list[tuple[str, str | None, str, str | float]] = [
    # the issue's list
    ("latin", "fr", "Crème brûlée, Ærøskøbing, Łódź, Đặng, São Paulo, İstanbul", "exact"),
    ("latin_nfd", "vi", NFD_NGUYEN + " a\u0301\u0323 o\u0302\u0300\u0323", "exact"),
    ("greek", "el", "Καλημέρα, ευχαριστώ πολύ", "exact"),
    ("cyrillic", "ru", "Здравствуйте, спасибо большое", "exact"),
    ("vietnamese", "vi", "Cảm ơn bạn rất nhiều, Nguyễn", "exact"),
    ("zh_hans", "zh-Hans", "谢谢你，我的家人说中文", "exact"),
    ("zh_hant", "zh-Hant", "謝謝你，我的家人說中文", "exact"),
    ("japanese", "ja", "ありがとう、カタカナと漢字", "exact"),
    ("korean", "ko", "감사합니다 우리 가족", "exact"),
    ("arabic", "ar", "شكرا جزيلا لكم", "words"),
    ("persian", "fa", "می\u200cخواهم با خانواده\u200cام صحبت کنم", "words"),
    ("urdu", "ur", "آپ کا بہت شکریہ", "words"),
    ("hebrew", "he", "תודה רבה, שָׁלוֹם", 1.0),
    ("hindi", "hi", "धन्यवाद, क्षत्रिय श्री द्वार", "exact"),
    ("marathi", "mr", "धन्यवाद, महाराष्ट्र", "exact"),
    ("nepali", "ne", "धन्यवाद, नेपाली भाषा", "exact"),
    ("bengali", "bn", "ধন্যবাদ, আমার পরিবার", "exact"),
    ("tamil", "ta", "நன்றி, என் குடும்பம்", "exact"),
    ("thai", "th", "ขอบคุณมาก ครอบครัวของฉัน", "exact"),
    ("amharic", "am", "አመሰግናለሁ ቤተሰቤ", "exact"),
    ("emoji", None, "🙂 👍🏽 🇬🇧 🇯🇵 👨\u200d👩\u200d👧 ❤️ 🏳️\u200d🌈 🏴\U000e0067\U000e0062"
     "\U000e0073\U000e0063\U000e0074\U000e007f", "exact"),
    ("mixed_bidi", None, "Call שלום and مرحبا at 10:30, room 42 please", "exact"),
    ("issue_example", None, ISSUE_EXAMPLE, "words"),
    # beyond the list: every other vendored face
    ("gujarati", "gu", "આભાર, મારો પરિવાર", "exact"),
    ("gurmukhi", "pa", "ਧੰਨਵਾਦ, ਮੇਰਾ ਪਰਿਵਾਰ", "exact"),
    ("oriya", "or", "ଧନ୍ୟବାଦ, ମୋ ପରିବାର", "exact"),
    ("telugu", "te", "ధన్యవాదాలు, నా కుటుంబం", "exact"),
    ("kannada", "kn", "ಧನ್ಯವಾದಗಳು, ನನ್ನ ಕುಟುಂಬ", "exact"),
    ("malayalam", "ml", "നന്ദി, എന്റെ കുടുംബം", "exact"),
    ("sinhala", "si", "ස්තූතියි, මගේ පවුල", "exact"),
    ("khmer", "km", "អរគុណច្រើន គ្រួសាររបស់ខ្ញុំ", "exact"),
    ("myanmar", "my", "ကျေးဇူးတင်ပါတယ် မိသားစု", "exact"),
    ("lao", "lo", "ຂອບໃຈຫຼາຍ ຄອບຄົວ", "exact"),
    ("tibetan", "bo", "ཐུགས་རྗེ་ཆེ། ངའི་ནང་མི།", "exact"),
    ("georgian", "ka", "გმადლობთ, ჩემი ოჯახი", "exact"),
    ("armenian", "hy", "Շնորհակալություն, իմ ընտանիքը", "exact"),
    ("syriac", "syr", "ܬܘܕܝ ܣܓܝ", "words"),
    ("thaana", "dv", "ޝުކުރިއްޔާ", "exact"),
    ("nko", "nqo", "ߊ߬ ߣߌ߫ ߗߋ߫", "words"),
    ("cherokee", "chr", "ᏩᏙ ᎣᏍᏛ", "exact"),
    ("syllabics", "iu", "ᖁᔭᓐᓇᒦᒃ", "exact"),
    ("yi", "ii", "ꆈꌠꁱꂷ", "exact"),
    ("tifinagh", "zgh", "ⵜⴰⵏⵎⵉⵔⵜ", "exact"),
    ("mongolian", "mn", "ᠪᠠᠶᠠᠷᠯᠠᠯᠠ", "exact"),
    ("ipa", None, "ˈfɜːst ˈsɛʃən ʃ ʒ ŋ θ ð", "exact"),
]

BY_KEY = {key: (tag, text, readback) for key, tag, text, readback in SAMPLES}

# Scripts no bundled face draws: the truly impossible, named in words.
IMPOSSIBLE = [
    ("Javanese", "ꦲꦤꦕꦫꦏ"),
    ("Egyptian hieroglyphs", "\U00013000\U00013080"),
]
