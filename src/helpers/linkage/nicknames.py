"""Nicknames and their formal first names, for comparing first names (Bill -> william).

Extend :data:`NICKNAMES` with your community's names. A nickname that can stand for two
formal names ("ronnie": ronald or veronica) is kept as itself rather than guessed.

>>> NICKNAMES["liz"], "ronnie" in NICKNAMES
('elizabeth', False)
"""

from __future__ import annotations

__all__ = ["NICKNAMES"]

#: Nickname -> formal first name (lower case). Extend it with your community's names.
NICKNAMES: dict[str, str] = {
    nick: formal
    for formal, nicks in {
        "william": ["bill", "billy", "will", "willy", "liam"],
        "elizabeth": ["liz", "lizzie", "beth", "betsy", "eliza", "libby"],
        "robert": ["bob", "bobby", "rob", "robbie", "bert"],
        "james": ["jim", "jimmy", "jamie"],
        "michael": ["mike", "mikey", "mick"],
        "katherine": ["kate", "katie", "kathy", "kat"],
        "catherine": ["cathy", "cat", "cate"],
        "jennifer": ["jen", "jenny"],
        "christopher": ["chris", "topher"],
        "joseph": ["joe", "joey"],
        "daniel": ["dan", "danny"],
        "matthew": ["matt", "matty"],
        "anthony": ["tony"],
        "nicholas": ["nick", "nicky"],
        "alexander": ["alex", "xander"],
        "samantha": ["sammy"],
        "samuel": ["sam"],
        "jessica": ["jess", "jessie"],
        "margaret": ["maggie", "peggy", "meg", "greta"],
        "richard": ["rick", "ricky", "richie", "dick"],
        "thomas": ["tom", "tommy"],
        "benjamin": ["ben", "benny", "benji"],
        "jonathan": ["jon", "jonny"],
        "abigail": ["abby", "abbie"],
        "rebecca": ["becky", "becca"],
        "victoria": ["vicky", "tori"],
        "andrew": ["andy", "drew"],
        "joshua": ["josh"],
        "zachary": ["zach", "zack"],
        "nathaniel": ["nate", "nat"],
        "gabriel": ["gabe"],
        "olivia": ["liv", "livvy"],
        "isabella": ["bella", "izzy"],
        "madison": ["maddie", "maddy"],
        "alexandra": ["lexi", "alexa", "sandra"],
        "steven": ["steve"],
        "stephen": ["steph"],
        "timothy": ["tim", "timmy"],
        "patrick": ["pat", "paddy"],
        "edward": ["ed", "eddie", "ted"],
        "susan": ["sue", "suzy"],
        "kimberly": ["kim"],
        "christina": ["tina"],
        "theodore": ["teddy", "theo"],
        "jacob": ["jake"],
        "charles": ["charlie", "chuck"],
        "jacqueline": ["jackie"],
        "natalie": ["natty"],
        "daniela": ["dani"],
        "gabriela": ["gabby"],
        "emily": ["em", "emmy"],
        "david": ["dave", "davey"],
        "kenneth": ["ken", "kenny"],
        "jeffrey": ["jeff"],
        "gregory": ["greg"],
        "ronald": ["ron", "ronnie"],
        "donald": ["don", "donnie"],
        "raymond": ["ray"],
        "lawrence": ["larry"],
        "frederick": ["fred", "freddie"],
        "francisco": ["paco", "pancho"],
        "jose": ["pepe"],
        "alejandro": ["alejo"],
        "guadalupe": ["lupe"],
        "deborah": ["debbie", "deb"],
        "patricia": ["patty", "trish"],
        "barbara": ["barb"],
        "dorothy": ["dot", "dottie"],
        "pamela": ["pam"],
        "cynthia": ["cindy"],
        "amanda": ["mandy"],
        "melissa": ["mel", "missy"],
        "stephanie": ["stephy"],
        "veronica": ["ronnie"],
        "valerie": ["val"],
        "zoe": ["zoey"],
    }.items()
    for nick in nicks
}
# "ronnie" appears twice above (ronald, veronica): a nickname that can mean two names is
# kept as itself rather than guessed.
NICKNAMES.pop("ronnie", None)

