"""The seven principles of effective data sharing, named once for the whole project.

From *Data Drives School-Community Collaboration: Seven Principles for Effective Data
Sharing* (StriveTogether and the Data Quality Campaign, 2015).

Example:
    >>> PRINCIPLES[6]
    "Don't blame it on FERPA"
    >>> len(PRINCIPLES)
    7
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
