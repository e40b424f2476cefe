"""The seven principles of effective data sharing, named once for the whole project.

From *Data Drives School-Community Collaboration: Seven Principles for Effective Data
Sharing* (StriveTogether and the Data Quality Campaign). The Playbook text this project
started from gives no publication year, so none is printed here.

Example:
    >>> PRINCIPLES[6]
    "Don't blame it on FERPA"
    >>> len(PRINCIPLES)
    7
    >>> PRINCIPLE_LINES[4]
    'Trust, turf and time, not technology, are what most often hold school-community data sharing back.'
"""

PRINCIPLES = {
    1: "Pave the way with leaders and decision-makers",
    2: "Know your information ecosystem",
    3: "Only gather information if it leads to action",
    4: "Build responsible data use and protection into your organizational DNA",
    5: "Identify your trusted local data hub(s)",
    6: "Don't blame it on FERPA",
    7: "Invest in the people who will lead the work",
}

#: Each principle's own advice, in our words (paraphrased from the Playbook; teach around it).
PRINCIPLE_LINES = {
    1: "Decision-makers, not data people, get information moving, and they do it when it serves their own interests.",
    2: "Connect the systems you already have instead of re-creating them; build new only as a last resort.",
    3: "One good question that leads to action is worth more than a dozen data points.",
    4: "Trust, turf and time, not technology, are what most often hold school-community data sharing back.",
    5: "Find the one-stop shop every party trusts to connect people to the data they need.",
    6: "Federal privacy law is a foundation for protecting students, and it does not stop most legitimate sharing.",
    7: "Technology can be bought or built; the people who lead the work have to be developed.",
}
