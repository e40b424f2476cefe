"""FERPA for community data sharing: pathways, agreements, consent and disclosure records.

**Training material, not legal advice.** These helpers teach the structure of the Family
Educational Rights and Privacy Act (20 U.S.C. 1232g; 34 CFR Part 99) with a fictional
community. State laws and local policies may add requirements; confirm any real
disclosure with your district's counsel or privacy officer.

- :func:`find_pathways` - which pathway (not an education record, parent or student,
  consent, school official, studies, audit or evaluation, directory information, health
  or safety emergency, de-identified data, or none) fits a request, with citations, ED
  guidance and what to confirm and write down. "Fits" only when every deciding question
  is answered; otherwise "possible", with what to find out.
- :func:`check_agreement` - which required elements a draft agreement states or lacks
  (presence only: it does not judge whether the agreement is lawful).
- :func:`consent_coverage` - who on a roster has consent on file.
- :class:`DisclosureLog` - an append-only record of requests and disclosures
  (34 CFR 99.32), per student, answerable to a parent.

- :func:`example_answers` - worked answers for the Riverbend requests and capstone flows.

The rules are data: ``rules.yaml`` (pathways) and ``agreements.yaml`` (agreement elements).

Example:
    >>> from helpers.ferpa import find_pathways
    >>> find_pathways({"education_record": "no"}).keys("fits")
    ['not_education_record']
"""

from .agreements import AgreementCheck, AgreementError, Finding, check_agreement, load_agreement, render_agreement
from .consent import ConsentCoverage, ConsentValueError, consent_coverage, normalize_consent
from .examples import example_answers, examples
from .disclosures import DisclosureLog, DisclosureLogError, RecordResult, read_disclosure_log, record_required
from .pathways import (AnswerError, Pathway, PathwayResult, deciding_questions, find_pathways, pathway_keys, questions,
                       validate_answers)

__all__ = [
    "AgreementCheck",
    "AgreementError",
    "AnswerError",
    "ConsentCoverage",
    "ConsentValueError",
    "DisclosureLog",
    "DisclosureLogError",
    "Finding",
    "Pathway",
    "PathwayResult",
    "RecordResult",
    "check_agreement",
    "consent_coverage",
    "deciding_questions",
    "example_answers",
    "examples",
    "find_pathways",
    "load_agreement",
    "normalize_consent",
    "pathway_keys",
    "questions",
    "read_disclosure_log",
    "record_required",
    "render_agreement",
    "validate_answers",
]
