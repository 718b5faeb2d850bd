"""Regenerate ``names.json``: common US first and last names for the de-identifier.

Source: the en_US person provider of Faker (MIT licence), whose lists come from US census /
social-security frequency tables. Run ``python -m mednn.privacy.data.generate_names`` with
faker installed; the result is committed so that faker is not needed at run time.
Names that are also everyday English or clinical words are listed separately as
``ambiguous``: the de-identifier accepts them only with a context cue (title, second name).
"""

from __future__ import annotations

import json
from pathlib import Path

# everyday / clinical words that are also names: without context they are left alone
AMBIGUOUS = """
Will May Mark Bill Hope Joy Faith Grace Rose June April Summer Page Dean Lane Sage Art Gene
Guy Jack Jean Ray Rich Rob Sky Storm Sunny Wade Young White Brown Green Black Gray Grey Long
Short Bell Rice Hill Wood Woods Lee Cook Hunt Park Ford Bush Price Fox King Love Moody Rich
Rush Shields Stone Strong Sharp Walker Ward Waters Wells Banks Barber Baker Bishop Brooks
Carter Chase Church Cross Day Dale Dawn Diamond Drake Early Fields Fisher Fleming Frost Gold
Golden Hall Hardy Hart Hawk Holiday Holland Hood House Jordan Kind Knight Lamb Little Mason
Miles Mills Moon Moore Morning Nash Noble Page Parks Pace Person Pierce Pope Potter Power Rivers
Rock Rose Sellers Sharpe Shepherd Small Snow Spencer Stark Steel Summers Swan Taylor Tucker
Turner Wall Walls Warren Weaver West Wise Wolf Worth Christian Major Case Marsh Cole Clay
Cash Glass Hale Parsons Rhodes Ball Bond Bloom Boone Burns Chance Crystal Destiny Heath Hunter
Iris Ivy Jade Lily Max Miracle Misty Paris Pearl Penny Precious Ruby Savannah Serenity Shannon
Sierra Star Trinity Violet Victory Angel Autumn Brandy Candy Dallas Denver Eden Florence
Georgia Harmony Haven Holly Jasmine Journey Justice Kerry Madison Memory Nova Phoenix Raven
Reed Reid River Royal Scout Silver Sterling Temple Tyler Valley Vernon Wells Winter Woods
Parkinson Addison Hodgkin Graves Cushing Wilson Down Crohn Huntington Barrett Marshall
""".split()


def main() -> None:
    from faker.providers.person.en_US import Provider

    first = sorted(set(Provider.first_names) | set(Provider.first_names_female) | set(Provider.first_names_male))
    last = sorted(set(Provider.last_names))
    ambiguous = sorted(set(AMBIGUOUS))
    out = Path(__file__).with_name("names.json")
    out.write_text(
        json.dumps({"source": "faker en_US person provider (MIT)", "first": first, "last": last,
                    "ambiguous": ambiguous}, indent=0) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out}: {len(first)} first, {len(last)} last, {len(ambiguous)} ambiguous")


if __name__ == "__main__":
    main()
