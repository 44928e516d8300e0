#!/usr/bin/env python3
"""Generate the SYNTHETIC Wijdemeren business register (two snapshots).

Nothing in the output is a real business.  Names, positions, sectors, floor areas,
staff numbers and vacancy are all drawn at random from the assumptions written down
in this file (and summarised in datasets/README.md).  Only the kern polygons are
real (CBS 2024 wijken, see derive_kernen.py).

Reads:   datasets/wijdemeren/kernen.geojson            (committed; nothing else)
Writes:  <out-dir>/locations_2024.csv   snapshot 2024-01-01
         <out-dir>/locations.csv        snapshot 2025-01-01
         <truth-file>                   per id: the kern the generator meant, the
                                        placement component and the lifecycle (a test
                                        oracle, default datasets/truth/
                                        wijdemeren_generator_truth.csv; not installed,
                                        the engine does not read it)

Determinism: the same --seed gives byte-identical files.  All randomness comes
from Python's own Mersenne Twister (random.Random.random(), whose stream Python
keeps stable across versions); distributions are built on top of it here rather
than with numpy, whose Generator distributions may change between releases.
Shapely is only used for yes/no point-in-polygon and distance tests.

Usage:  python datasets/generate/generate_register.py [--seed 20241] [--out-dir DIR]
                                                     [--truth-file FILE]
Depends on: shapely 2 and the Python standard library.
"""

import argparse
import bisect
import csv
import datetime as dt
import json
import math
import random
import sys
from pathlib import Path

import shapely
from shapely.geometry import Point, Polygon, shape

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_KERNEN = REPO_ROOT / "datasets" / "wijdemeren" / "kernen.geojson"
DEFAULT_OUT_DIR = REPO_ROOT / "datasets" / "wijdemeren"
# The oracle lives outside datasets/wijdemeren, which is installed with the program.
DEFAULT_TRUTH = REPO_ROOT / "datasets" / "truth" / "wijdemeren_generator_truth.csv"
DEFAULT_SEED = 20241

SNAP_2024 = dt.date(2024, 1, 1)
SNAP_2025 = dt.date(2025, 1, 1)
COLUMNS = ["id", "name", "sbi", "x", "y", "floor_area_m2", "status", "vacant_since",
           "employees", "function", "snapshot_date"]
TRUTH_COLUMNS = ["id", "intended_kern", "placement", "lifecycle", "status_2024", "status_2025"]

# ---------------------------------------------------------------------------
# Size of the register.  Units present on 2025-01-01 per kern (incl. newly opened).
# Roughly 130 establishments per 1,000 inhabitants (the Gooi has many one-person
# businesses and holdings), more in Loosdrecht (recreation) and 's-Graveland
# (holdings, offices on the estates), fewer in the agricultural kernen.
# ---------------------------------------------------------------------------
UNITS_2025 = {"ANK": 205, "BRV": 45, "SGR": 310, "KHF": 740, "LSD": 1290, "NDB": 610}
N_OUTSIDE = 10            # registered in Wijdemeren, geocoded just outside it
OUTSIDE_BAND = (60.0, 380.0)  # metres beyond the outer boundary (kept inside 50-400)
P_OPENED = 0.055          # share of 2025 units that did not exist on 2024-01-01
P_CLOSED = 0.047          # share of 2024 units gone by 2025-01-01
P_REOCCUPIED = 0.28       # vacant 2024 -> occupied 2025
NEWLY_VACANT_FACTOR = 0.38  # occupied 2024 -> vacant 2025, times the unit's propensity
P_FLOOR_UNKNOWN = 0.12
P_SINCE_UNKNOWN = 0.15
P_SBI_UNDOTTED = 0.02

# Vacancy propensity by BAG use: shops and offices stand empty more often.
VACANCY_BY_FUNCTION = {
    "winkelfunctie": 0.125, "kantoorfunctie": 0.10, "bijeenkomstfunctie": 0.07,
    "industriefunctie": 0.055, "logiesfunctie": 0.05, "sportfunctie": 0.03,
    "gezondheidszorgfunctie": 0.04, "onderwijsfunctie": 0.03, "overige gebruiksfunctie": 0.03,
}
HOME_VACANCY_FACTOR = 0.15  # a one-person business at home rarely leaves an empty unit
VACANCY_SCALE = 1.8  # tuned so that ~7-8% of all units are vacant (many are home-based)

# ---------------------------------------------------------------------------
# Geography: APPROXIMATE placements in RD New (EPSG:28992) metres.  They were
# sketched against the CBS buurt layout and public descriptions of the villages;
# they are not surveyed road centrelines and business-park outlines.
#   centre: 2-D normal around a point (sd, or (sd_x, sd_y))
#   road:   uniform along a polyline, normal offset across it (ribbon villages)
#   park:   uniform in a rectangle (centre, half-width, half-height)
#   shore:  band just outside the approximate Loosdrechtse Plassen outline
#   estate: like centre, the buitenplaatsen east of 's-Graveland
#   rural:  uniform in the kern (for Loosdrecht: not in the plassen)
# Each entry: (type, label, params, weight within the kern)
# ---------------------------------------------------------------------------
LOOSDRECHTSE_PLASSEN = [  # rough outline of open water, used to keep points dry
    (131000, 467750), (131150, 468400), (132300, 468550), (133400, 468550),
    (134700, 468400), (135700, 468150), (136250, 467850), (135900, 467300),
    (135200, 466900), (134400, 466650), (133300, 466600), (131900, 466550),
    (131100, 466700), (130900, 467200),
]

PLACES = {
    "ANK": [
        ("centre", "Ankeveen dorp", {"at": (135950, 474450), "sd": 220}, 0.30),
        ("road", "Stichts End", {"line": [(136650, 473750), (136000, 474400), (135350, 475050)], "sd": 40}, 0.30),
        ("centre", "Hollandsch Ankeveen", {"at": (136300, 475500), "sd": 150}, 0.10),
        ("rural", "buitengebied Ankeveen", {}, 0.30),
    ],
    "BRV": [
        ("road", "Herenweg", {"line": [(132000, 465600), (133300, 465650), (134600, 465680), (135900, 465790)], "sd": 35}, 0.60),
        ("centre", "Breukeleveen dorp", {"at": (133300, 465650), "sd": 150}, 0.15),
        ("rural", "buitengebied Breukeleveen", {}, 0.25),
    ],
    "SGR": [
        ("centre", "'s-Graveland dorp", {"at": (137380, 472350), "sd": (180, 300)}, 0.25),
        ("road", "Noordereinde", {"line": [(137350, 472550), (137250, 473300), (137350, 474300)], "sd": 40}, 0.20),
        ("road", "Zuidereinde", {"line": [(137380, 472150), (137350, 471300), (137250, 470650)], "sd": 40}, 0.20),
        ("estate", "buitenplaatsen", {"at": (137800, 472700), "sd": (170, 700)}, 0.12),
        ("park", "De Boomgaard", {"at": (137650, 471000), "half": (120, 100)}, 0.06),
        ("rural", "buitengebied 's-Graveland", {}, 0.17),
    ],
    "KHF": [
        ("centre", "Kortenhoef dorp", {"at": (135700, 471600), "sd": 300}, 0.30),
        ("road", "Kortenhoefsedijk", {"line": [(136800, 471800), (135900, 471650), (134800, 471450), (133600, 471150), (132400, 470950)], "sd": 45}, 0.25),
        ("road", "Kromme Rade", {"line": [(133600, 469950), (135000, 470050), (136500, 470050)], "sd": 40}, 0.07),
        ("park", "De Zodde", {"at": (135250, 470500), "half": (150, 100)}, 0.08),
        ("park", "De Slenk", {"at": (134500, 471050), "half": (120, 90)}, 0.05),
        ("rural", "buitengebied Kortenhoef", {}, 0.25),
    ],
    "LSD": [
        ("centre", "Oud-Loosdrecht", {"at": (134200, 468950), "sd": 250}, 0.13),
        ("centre", "Nieuw-Loosdrecht", {"at": (137250, 468050), "sd": 250}, 0.12),
        ("road", "N201", {"line": [(131300, 470450), (132500, 469750), (133600, 469400), (135200, 469350), (136500, 469500), (137200, 469800)], "sd": 50}, 0.10),
        ("road", "Oud-Loosdrechtsedijk", {"line": [(131100, 468550), (132300, 468750), (133500, 468850), (134800, 468750), (135900, 468500), (136600, 468250)], "sd": 40}, 0.17),
        ("road", "Nieuw-Loosdrechtsedijk", {"line": [(137500, 468400), (136700, 467700), (136000, 467100), (135300, 466750), (134400, 466450), (133700, 466400)], "sd": 40}, 0.17),
        ("park", "Rading", {"at": (137550, 469150), "half": (180, 120)}, 0.07),
        ("park", "Ter Sype", {"at": (137000, 469250), "half": (150, 110)}, 0.015),
        ("shore", "Loosdrechtse Plassen", {"poly": LOOSDRECHTSE_PLASSEN, "band": (15, 120)}, 0.10),
        ("rural", "buitengebied Loosdrecht", {}, 0.115),
    ],
    "NDB": [
        ("centre", "Nederhorst den Berg dorp", {"at": (132000, 475000), "sd": 300}, 0.33),
        ("road", "Middenweg", {"line": [(132700, 474550), (133600, 473650), (134400, 472850)], "sd": 40}, 0.20),
        ("road", "Vecht bij Hinderdam", {"line": [(130650, 475400), (130950, 476150)], "sd": 40}, 0.07),
        ("park", "Nieuw Walden", {"at": (132800, 474100), "half": (130, 100)}, 0.08),
        ("park", "De Reeweg", {"at": (131500, 474300), "half": (120, 90)}, 0.05),
        ("rural", "buitengebied Nederhorst den Berg", {}, 0.27),
    ],
}
# Ter Sype is a development location next to De Rading: most units there are new.
P_OPENED_BY_PLACE = {"Ter Sype": 0.5}

# ---------------------------------------------------------------------------
# Sectors (SBI 2008).  Per code: group, BAG use (function), base weight (relative
# frequency in a Gooi-type municipality), share of one-person units, median staff
# of the others, median floor area (m2), whether a one-person unit is typically
# home-based (small office), and name templates.
# {S} surname, {S2} second surname, {I} initial, {N} neutral/nature word,
# {P} a place word of the unit's own kern.
# ---------------------------------------------------------------------------
W, K, I_, B, L, G, O, S, Z = ("winkelfunctie", "kantoorfunctie", "industriefunctie",
                              "bijeenkomstfunctie", "logiesfunctie", "gezondheidszorgfunctie",
                              "onderwijsfunctie", "sportfunctie", "overige gebruiksfunctie")
SECTORS = [
    # code, group, function, weight, p_solo, staff, area, home, templates
    ("01.41", "AGRI", Z, 12, 0.45, 3, 600, False, ["Melkveebedrijf {S}", "Veehouderij {S}", "Boerderij {N}", "Maatschap {S}"]),
    ("01.13", "AGRI", Z, 3, 0.40, 4, 400, False, ["Kwekerij {S}", "Tuinderij {N}", "Moestuinderij {P}"]),
    ("01.19", "AGRI", Z, 2, 0.50, 3, 500, False, ["Bloemenkwekerij {S}", "Pluktuin {N}"]),
    ("01.30", "AGRI", Z, 2, 0.40, 4, 600, False, ["Boomkwekerij {S}", "Plantenkwekerij {N}"]),
    ("01.49", "AGRI", Z, 5, 0.60, 2, 400, False, ["Paardenhouderij {S}", "Stal {N}"]),
    ("01.45", "AGRI", Z, 2, 0.80, 2, 250, False, ["Schapenhouderij {S}"]),
    ("01.62", "AGRI", Z, 3, 0.50, 4, 450, False, ["Loonbedrijf {S}", "Agrarisch Loonwerk {P}"]),
    ("03.12", "AGRI", Z, 1, 0.80, 2, 120, False, ["Beroepsvisserij {S}", "Visserijbedrijf {N}"]),
    ("10.71", "IND", I_, 2, 0.30, 5, 250, False, ["Banketbakkerij {S}", "Broodbakkerij {N}"]),
    ("16.23", "IND", I_, 3, 0.50, 4, 350, False, ["Timmerfabriek {S}", "Houtbewerking {P}"]),
    ("25.62", "IND", I_, 3, 0.40, 5, 500, False, ["Metaalbewerking {S}", "Constructiebedrijf {P}"]),
    ("18.12", "IND", I_, 2, 0.40, 4, 300, False, ["Drukkerij {S}", "Drukkerij {P}"]),
    ("31.09", "IND", I_, 3, 0.60, 3, 250, False, ["Meubelmakerij {S}", "Interieurbouw {N}"]),
    ("33.12", "IND", I_, 2, 0.50, 3, 300, False, ["Machinereparatie {S}", "Technisch Bureau {S}"]),
    ("32.99", "IND", I_, 2, 0.70, 2, 150, True, ["Atelier {N}", "{S} Producten"]),
    ("41.20", "CONS", I_, 20, 0.70, 5, 300, True, ["Bouwbedrijf {S}", "{S} Bouw", "Aannemersbedrijf {S}", "Bouwbedrijf {P}"]),
    ("43.22", "CONS", I_, 10, 0.60, 4, 200, True, ["Installatiebedrijf {S}", "{S} Installatietechniek", "Loodgietersbedrijf {N}"]),
    ("43.21", "CONS", I_, 8, 0.60, 4, 200, True, ["Elektrotechniek {S}", "{S} Elektra", "Elektrobedrijf {P}"]),
    ("43.34", "CONS", I_, 12, 0.80, 3, 150, True, ["Schildersbedrijf {S}", "{S} Schilderwerken", "Schildersbedrijf {N}"]),
    ("43.32", "CONS", I_, 8, 0.80, 3, 150, True, ["Timmerbedrijf {S}", "{S} Timmerwerken"]),
    ("43.91", "CONS", I_, 3, 0.50, 4, 250, True, ["Dakdekkersbedrijf {S}", "{S} Dakwerken"]),
    ("43.99", "CONS", I_, 6, 0.70, 3, 200, True, ["{S} Klussenbedrijf", "Bouwservice {P}"]),
    ("42.99", "CONS", I_, 2, 0.30, 8, 600, False, ["Grond- en Waterbouw {S}", "Waterbouw {P}", "Beschoeiingen {S}"]),
    ("43.12", "CONS", I_, 2, 0.40, 5, 500, False, ["Grondverzet {S}", "Grondwerken {N}"]),
    ("45.20", "TRADE", I_, 6, 0.30, 4, 400, False, ["Autobedrijf {S}", "Garage {S}", "Autoservice {P}"]),
    ("45.11", "TRADE", W, 4, 0.30, 5, 600, False, ["Autohandel {S}", "Automobielbedrijf {P}"]),
    ("46.90", "TRADE", I_, 8, 0.60, 4, 400, True, ["{S} Handelsonderneming", "Groothandel {P}"]),
    ("46.73", "TRADE", I_, 2, 0.20, 8, 1500, False, ["Bouwmaterialenhandel {S}", "Houthandel {P}"]),
    ("46.18", "TRADE", K, 8, 0.90, 2, 40, True, ["{S} Agenturen", "Handelsagentuur {N}"]),
    ("46.49", "TRADE", I_, 3, 0.60, 3, 300, True, ["{S} Import", "{N} Trading"]),
    ("47.11", "RETAIL", W, 2.5, 0.00, 30, 1000, False, ["Supermarkt {P}", "Buurtsuper {N}"]),
    ("47.24", "RETAIL", W, 2, 0.20, 5, 120, False, ["Bakkerij {S}", "Warme Bakker {P}", "Bakkerij {N}"]),
    ("47.22", "RETAIL", W, 1, 0.20, 4, 110, False, ["Slagerij {S}", "Ambachtelijke Slager {P}"]),
    ("47.21", "RETAIL", W, 1, 0.40, 3, 100, False, ["Groentehandel {S}", "Groente en Fruit {N}"]),
    ("47.71", "RETAIL", W, 4, 0.40, 3, 140, False, ["Modehuis {S}", "Boutique {N}", "Mode {P}"]),
    ("47.72", "RETAIL", W, 1, 0.40, 3, 120, False, ["Schoenen {S}", "Schoenenhuis {P}"]),
    ("47.73", "RETAIL", W, 1, 0.00, 8, 220, False, ["Apotheek {P}", "Apotheek {N}"]),
    ("47.76", "RETAIL", W, 3, 0.50, 3, 120, False, ["Bloemsierkunst {N}", "Bloemen {S}", "Dierenspeciaalzaak {P}"]),
    ("47.59", "RETAIL", W, 4, 0.50, 3, 300, False, ["Woonwinkel {N}", "Interieur {S}"]),
    ("47.52", "RETAIL", W, 1.5, 0.10, 8, 700, False, ["Bouwmarkt {P}", "IJzerhandel {S}"]),
    ("47.64", "RETAIL", W, 2, 0.30, 4, 250, False, ["Watersportwinkel {P}", "Sportzaak {S}", "Tweewielers {S}"]),
    ("47.78", "RETAIL", W, 3, 0.60, 2, 100, False, ["Opticien {S}", "Kunsthandel {N}", "Galerie {N}"]),
    ("47.91", "RETAIL", K, 14, 0.85, 2, 40, True, ["{N} Webshop", "{S} Online", "Webwinkel {N}"]),
    ("47.26", "RETAIL", W, 0.5, 0.30, 3, 80, False, ["Tabak en Lectuur {P}"]),
    ("47.30", "RETAIL", W, 1, 0.30, 4, 150, False, ["Tankstation {P}", "Tankstation {N}"]),
    ("56.10", "HORECA", B, 10, 0.15, 8, 250, False, ["Restaurant {N}", "Eetcafe {N}", "Brasserie {P}", "Pizzeria {N}", "Cafetaria {P}"]),
    ("56.30", "HORECA", B, 5, 0.30, 3, 150, False, ["Cafe {N}", "Dorpscafe {P}"]),
    ("56.21", "HORECA", B, 4, 0.60, 3, 100, True, ["Catering {S}", "{N} Catering"]),
    ("55.10", "LODGING", L, 1.5, 0.00, 20, 2500, False, ["Hotel {P}", "Hotel {N}"]),
    ("55.20", "LODGING", L, 6, 0.80, 1, 150, True, ["B&B {N}", "Vakantiewoning {N}", "Gastenverblijf {P}"]),
    ("55.30", "LODGING", L, 1.5, 0.40, 3, 300, False, ["Camping {N}", "Minicamping {S}"]),
    ("93.29", "WATER", Z, 8, 0.30, 4, 350, False, ["Jachthaven {N}", "Jachthaven {P}", "Watersportcentrum {P}"]),
    ("33.15", "WATER", I_, 5, 0.40, 4, 900, False, ["Jachtwerf {S}", "Scheepswerf {N}", "Botenservice {P}"]),
    ("30.12", "WATER", I_, 2, 0.30, 6, 1200, False, ["Jachtbouw {S}", "Sloepenbouw {N}"]),
    ("77.21", "WATER", Z, 5, 0.50, 2, 150, False, ["Bootverhuur {N}", "Sloepverhuur {P}", "Kano- en Suppverhuur {N}"]),
    ("50.30", "WATER", Z, 2, 0.50, 3, 80, False, ["Rondvaartbedrijf {P}", "Rondvaarten {N}"]),
    ("85.51", "WATER", S, 2, 0.40, 3, 200, False, ["Zeilschool {P}", "Zeil- en Surfschool {N}"]),
    ("52.10", "WATER", I_, 1.5, 0.30, 3, 1000, False, ["Botenstalling {N}", "Winterberging {P}"]),
    ("93.12", "REC", S, 4, 0.50, 3, 400, False, ["Sportvereniging {N}", "Tennisvereniging {P}", "Watersportvereniging {P}"]),
    ("93.11", "REC", S, 2, 0.20, 5, 1500, False, ["Sporthal {P}", "Sportpark {N}"]),
    ("93.13", "REC", S, 2, 0.20, 6, 500, False, ["Fitness {N}", "Sportschool {S}"]),
    ("93.19", "REC", S, 3, 0.50, 3, 800, False, ["Manege {N}", "Hippisch Centrum {P}"]),
    ("90.01", "REC", B, 4, 0.85, 2, 60, True, ["{S} Muziek", "Theatergroep {N}"]),
    ("90.03", "REC", K, 8, 0.95, 1, 50, True, ["Atelier {N}", "Beeldend Kunstenaar {I}. {S}", "Studio {N}"]),
    ("91.02", "REC", B, 0.7, 0.10, 6, 600, False, ["Museum {N}", "Oudheidkamer {P}"]),
    ("91.04", "REC", K, 1, 0.20, 8, 250, False, ["Natuurbeheer {P}", "Stichting Landgoed {N}"]),
    ("62.01", "INFO", K, 10, 0.80, 4, 150, True, ["{S} Software", "{N} IT", "Softwarebureau {P}"]),
    ("62.02", "INFO", K, 8, 0.85, 3, 120, True, ["{S} IT Advies", "ICT Diensten {N}"]),
    ("63.12", "INFO", K, 2, 0.85, 2, 60, True, ["{N} Media", "Webportaal {P}"]),
    ("58.19", "INFO", K, 2, 0.70, 3, 120, True, ["Uitgeverij {N}", "Uitgeverij {S}"]),
    ("59.11", "INFO", K, 6, 0.80, 3, 150, True, ["{N} Producties", "Filmproductie {S}", "{S} Media"]),
    ("64.20", "FIN", K, 40, 1.00, 0, 30, True, ["{S} Holding B.V.", "Beheermaatschappij {N} B.V.", "{I}. {S} Beheer B.V."]),
    ("68.20", "FIN", K, 15, 0.90, 2, 40, True, ["Vastgoed {N}", "{S} Vastgoed B.V.", "Exploitatiemaatschappij {P}"]),
    ("68.31", "FIN", K, 4, 0.30, 4, 120, False, ["Makelaardij {P}", "Makelaarskantoor {S}"]),
    ("66.19", "FIN", K, 3, 0.80, 2, 60, True, ["{S} Financieel Advies", "Hypotheekadvies {P}"]),
    ("66.22", "FIN", K, 3, 0.60, 3, 100, True, ["Assurantiekantoor {S}", "Verzekeringen {P}"]),
    ("70.22", "PROF", K, 40, 0.90, 3, 40, True, ["{S} Advies", "{S} Consultancy", "Adviesbureau {N}", "{N} Management", "{I}. {S} Interim"]),
    ("69.10", "PROF", K, 3, 0.50, 4, 150, True, ["Advocatenkantoor {S}", "{S}, {S2} & Partners", "{S} Juridisch Advies"]),
    ("69.20", "PROF", K, 8, 0.60, 4, 120, True, ["Administratiekantoor {S}", "Accountantskantoor {P}", "{N} Administraties", "{S}, {S2} Accountants"]),
    ("71.11", "PROF", K, 5, 0.70, 4, 120, True, ["Architectenbureau {S}", "{N} Architecten"]),
    ("71.12", "PROF", K, 6, 0.75, 4, 120, True, ["Ingenieursbureau {S}", "{S} Engineering"]),
    ("73.11", "PROF", K, 6, 0.75, 3, 100, True, ["Reclamebureau {N}", "{S} Communicatie"]),
    ("74.10", "PROF", K, 8, 0.90, 2, 60, True, ["Studio {N}", "{S} Design", "Ontwerpbureau {N}"]),
    ("74.20", "PROF", K, 5, 0.90, 1, 50, True, ["Fotografie {S}", "{N} Fotografie"]),
    ("74.90", "PROF", K, 6, 0.90, 2, 50, True, ["{S} Projecten", "{N} Expertise"]),
    ("70.21", "PROF", K, 3, 0.90, 2, 40, True, ["{S} PR", "{N} Communicatie"]),
    ("75.00", "PROF", G, 1, 0.20, 5, 250, False, ["Dierenkliniek {P}", "Dierenartsenpraktijk {N}"]),
    ("81.30", "ADMIN", Z, 10, 0.70, 3, 200, True, ["Hoveniersbedrijf {S}", "{S} Tuinen", "Groenvoorziening {P}"]),
    ("81.21", "ADMIN", K, 4, 0.60, 4, 100, True, ["Schoonmaakbedrijf {N}", "{S} Schoonmaak"]),
    ("82.99", "ADMIN", K, 4, 0.85, 2, 40, True, ["{S} Zakelijke Diensten", "{N} Services"]),
    ("77.39", "ADMIN", I_, 1, 0.30, 3, 600, False, ["Verhuurbedrijf {P}", "Machineverhuur {S}"]),
    ("79.11", "ADMIN", W, 1, 0.70, 2, 80, False, ["Reisbureau {N}", "Reisbureau {P}"]),
    ("85.20", "EDU", O, 1.5, 0.00, 20, 1500, False, ["Basisschool {N}", "Openbare Basisschool {P}"]),
    ("85.59", "EDU", O, 8, 0.90, 1, 50, True, ["{S} Training en Coaching", "Bijles {P}", "Rijschool {S}"]),
    ("85.52", "EDU", O, 4, 0.85, 1, 60, True, ["Muziekschool {N}", "Dansstudio {N}", "Pianoles {S}"]),
    ("86.21", "HEALTH", G, 1.5, 0.10, 6, 250, False, ["Huisartsenpraktijk {P}", "Huisartsenpraktijk {S}"]),
    ("86.23", "HEALTH", G, 1.2, 0.10, 5, 200, False, ["Tandartspraktijk {S}", "Tandartsen {P}"]),
    ("86.91", "HEALTH", G, 4, 0.50, 3, 150, False, ["Fysiotherapie {P}", "Praktijk voor Fysiotherapie {S}", "Verloskundigenpraktijk {N}"]),
    ("86.93", "HEALTH", G, 4, 0.90, 1, 50, True, ["Psychologenpraktijk {S}", "Praktijk {N}"]),
    ("86.99", "HEALTH", G, 3, 0.90, 1, 50, True, ["Praktijk {N}", "{S} Natuurgeneeskunde"]),
    ("87.10", "CARE", G, 0.5, 0.00, 60, 3000, False, ["Zorgcentrum {N}", "Woonzorgcentrum {P}"]),
    ("88.10", "CARE", K, 4, 0.80, 2, 60, True, ["Thuiszorg {P}", "{S} Zorg"]),
    ("88.91", "CARE", B, 3, 0.30, 8, 300, False, ["Kinderopvang {N}", "Kinderdagverblijf {N}", "Gastouderbureau {P}"]),
    ("96.02", "PERSONAL", W, 10, 0.70, 2, 60, True, ["Kapsalon {N}", "Kapper {S}", "Schoonheidssalon {N}", "Hairstudio {P}"]),
    ("96.04", "PERSONAL", S, 1, 0.30, 4, 400, False, ["Wellness {N}", "Sauna {P}"]),
    ("96.09", "PERSONAL", W, 6, 0.85, 1, 60, True, ["{S} Dienstverlening", "Hondentrimsalon {N}", "Tatoeagestudio {N}"]),
    ("95.29", "PERSONAL", W, 1, 0.60, 2, 80, False, ["Reparatiedienst {P}", "Fietsenmaker {S}"]),
    ("94.91", "ASSOC", B, 1.5, 0.20, 2, 400, False, ["Kerkgemeenschap {P}", "Parochie {N}"]),
    ("94.99", "ASSOC", B, 5, 0.60, 1, 150, False, ["Vereniging {N}", "Stichting {N}", "Dorpsvereniging {P}"]),
    ("49.41", "TRANS", I_, 4, 0.40, 4, 500, False, ["Transportbedrijf {S}", "{S} Logistiek"]),
    ("49.32", "TRANS", Z, 3, 0.90, 1, 40, True, ["Taxi {P}", "Taxibedrijf {S}"]),
    ("53.20", "TRANS", I_, 3, 0.90, 1, 40, True, ["Koeriersdienst {S}", "{N} Koeriers"]),
]

# How strongly a group is drawn to each placement type:
#          centre road park shore rural estate
AFFINITY = {
    "AGRI":     (0.0, 0.3, 0.0, 0.0, 3.0, 0.3),
    "IND":      (0.1, 0.6, 3.0, 0.2, 0.5, 0.0),
    "CONS":     (0.5, 1.0, 2.0, 0.0, 1.2, 0.1),
    "TRADE":    (0.3, 1.0, 3.0, 0.1, 0.5, 0.0),
    "RETAIL":   (4.0, 1.2, 0.4, 0.2, 0.2, 0.0),
    "HORECA":   (3.0, 1.5, 0.1, 2.0, 0.3, 0.5),
    "LODGING":  (0.8, 1.2, 0.0, 1.5, 1.5, 0.5),
    "WATER":    (0.1, 0.6, 0.5, 6.0, 0.2, 0.0),
    "REC":      (1.0, 1.0, 0.3, 1.5, 0.8, 1.5),
    "INFO":     (1.0, 1.0, 0.5, 0.0, 1.0, 0.6),
    "FIN":      (1.0, 1.2, 0.2, 0.0, 1.0, 1.5),
    "PROF":     (1.3, 1.2, 0.5, 0.0, 1.0, 1.2),
    "ADMIN":    (0.5, 1.0, 1.5, 0.0, 1.2, 0.2),
    "EDU":      (1.5, 1.0, 0.1, 0.0, 0.6, 0.3),
    "HEALTH":   (3.0, 1.0, 0.1, 0.0, 0.3, 0.3),
    "CARE":     (1.5, 1.0, 0.0, 0.0, 0.5, 0.5),
    "PERSONAL": (3.0, 1.0, 0.1, 0.0, 0.6, 0.0),
    "ASSOC":    (1.5, 1.0, 0.1, 0.3, 0.5, 0.5),
    "TRANS":    (0.2, 1.0, 2.5, 0.3, 0.6, 0.0),
}
PLACE_TYPES = ("centre", "road", "park", "shore", "rural", "estate")
_ON_THE_WATER = (0.1, 0.5, 0.0, 6.0, 0.2, 0.0)  # marinas, boat hire, tours: not on a business park
AFFINITY_OVERRIDE = {"91.04": (0.2, 0.5, 0.0, 0.5, 1.0, 10.0),   # nature trusts on the estates
                     "47.91": (0.5, 1.0, 0.3, 0.0, 1.0, 0.5),    # web shops: mostly from home
                     "93.29": _ON_THE_WATER, "77.21": _ON_THE_WATER,
                     "50.30": _ON_THE_WATER, "85.51": _ON_THE_WATER}

# Character of each kern as multipliers on the group weights.
KERN_MIX = {
    "ANK": {"AGRI": 3.0, "RETAIL": 0.5, "HORECA": 0.8, "PROF": 0.8, "FIN": 0.8, "WATER": 0.6},
    "BRV": {"AGRI": 3.0, "WATER": 1.5, "LODGING": 1.5, "RETAIL": 0.2, "HEALTH": 0.2, "EDU": 0.3},
    "SGR": {"REC": 1.5, "FIN": 1.6, "PROF": 1.5, "INFO": 1.2, "AGRI": 0.8, "RETAIL": 0.5,
            "CONS": 0.7, "HORECA": 0.8, "WATER": 0.1},
    "KHF": {"RETAIL": 1.3, "CONS": 1.4, "PERSONAL": 1.2, "TRADE": 1.2, "WATER": 0.3, "AGRI": 0.7},
    "LSD": {"WATER": 4.0, "LODGING": 2.0, "HORECA": 1.6, "REC": 1.6, "RETAIL": 1.1, "AGRI": 0.5},
    "NDB": {"RETAIL": 1.1, "CONS": 1.4, "TRADE": 1.3, "IND": 1.2, "WATER": 0.8, "AGRI": 1.3},
}
# Establishments geocoded outside the municipality: mostly mobile trades.
OUTSIDE_MIX = {"CONS": 3.0, "TRANS": 3.0, "AGRI": 2.0, "TRADE": 1.5, "RETAIL": 0.1,
               "HORECA": 0.1, "HEALTH": 0.1, "EDU": 0.1, "WATER": 0.5}

# ---------------------------------------------------------------------------
# Word lists for the synthetic names.
# ---------------------------------------------------------------------------
SURNAMES = [
    "De Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot",
    "Bos", "Vos", "Peters", "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra",
    "Smits", "De Graaf", "Van der Meer", "Kok", "Jacobs", "Vermeulen", "Van Dijk", "Schouten",
    "Van den Berg", "Verhoeven", "Koster", "Prins", "Blom", "Huisman", "Kuiper", "Kramer",
    "Van der Linden", "Post", "Vonk", "Hoogland", "Van Wijk", "Schipper", "Veldhuis", "Rozendaal",
    "Van Rijn", "Hilhorst", "Ouwehand", "Molenaar", "Verburg", "Stam", "Roos", "Beekman",
    "Van Eijk", "Zwart", "Timmer", "Wolters", "Kroon", "Boon", "Lammers", "Hoekstra", "Van Vliet",
    "Otten",
]
WORDS = [
    "De Reiger", "De Fuut", "De Meerkoet", "De Kievit", "De Zwaan", "De Otter", "De Waterlelie",
    "Het Riet", "De Eik", "De Linde", "De Els", "De Wilg", "De Molen", "De Brug", "De Sluis",
    "De Roerdomp", "De IJsvogel", "Het Anker", "De Schouw", "De Punter", "De Praam", "Het Zeil",
    "De Boei", "De Steiger", "Het Kompas", "De Grutto", "De Tureluur", "De Libel", "De Lisdodde",
    "De Legakker", "Het Veen", "De Kade", "De Wetering", "Het Trekgat", "De Zegge", "De Dotter",
    "De Vlonder", "De Hoeve", "Zonnehoek", "Waterhoek", "Plaszicht", "Vechtzicht", "Dijkzicht",
    "Het Baken",
]
PLACE_WORDS = {
    "ANK": ["Ankeveen", "Stichts End", "Ankeveense Plassen", "Hollandsch Ankeveen"],
    "BRV": ["Breukeleveen", "De Strook", "Breukeleveense Plas"],
    "SGR": ["'s-Graveland", "Noordereinde", "Zuidereinde", "De Vaart", "Het Gooi"],
    "KHF": ["Kortenhoef", "De Rade", "Moleneind", "Kromme Rade", "Kortenhoefse Plassen"],
    "LSD": ["Loosdrecht", "Oud-Loosdrecht", "Nieuw-Loosdrecht", "De Plassen", "Muijeveld", "Boomhoek"],
    "NDB": ["Nederhorst", "Nederhorst den Berg", "Horstermeer", "Spiegelplas", "Wijde Blik", "De Vecht"],
    "": ["Vechtstreek", "Het Gooi", "Wijdemeren"],
}
INITIALS = "ABCDEFGHJKLMNPRSTW"


# ---------------------------------------------------------------------------
# Randomness built only on random.Random.random() (stable across Python versions).
# ---------------------------------------------------------------------------
class Rng:
    def __init__(self, seed):
        self._r = random.Random(seed)

    def random(self):
        return self._r.random()

    def uniform(self, a, b):
        return a + (b - a) * self.random()

    def chance(self, p):
        return self.random() < p

    def below(self, n):
        return min(int(self.random() * n), n - 1)

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def weighted_index(self, cum):
        """Index drawn with probability proportional to the increments of cum."""
        return min(bisect.bisect_right(cum, self.random() * cum[-1]), len(cum) - 1)

    def normal(self):
        u1 = 1.0 - self.random()  # in (0, 1]
        u2 = self.random()
        return math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)

    def lognormal(self, median, sigma):
        return median * math.exp(sigma * self.normal())

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def cumulative(weights):
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


# ---------------------------------------------------------------------------
# Geometry helpers
# ---------------------------------------------------------------------------
def load_kernen(path):
    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)
    kernen = {}
    for f in fc["features"]:
        geom = shape(f["geometry"])
        # Points must sit at least 1 m inside their kern so that rounding to 0.1 m
        # and any GEOS tolerance can never move them across a boundary.
        inner = geom.buffer(-1.0)
        shapely.prepare(geom)
        shapely.prepare(inner)
        kernen[f["properties"]["code"]] = (geom, inner)
    return kernen


def point_on_polyline(rng, line):
    lengths = [math.dist(a, b) for a, b in zip(line[:-1], line[1:])]
    d = rng.uniform(0.0, sum(lengths))
    last = len(lengths) - 1
    for i, seg in enumerate(lengths):
        if seg > 0 and (d <= seg or i == last):
            a, b = line[i], line[i + 1]
            t = min(d / seg, 1.0)
            ux, uy = (b[0] - a[0]) / seg, (b[1] - a[1]) / seg
            # point, and the unit normal to the segment (for offsets across a road)
            return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), (-uy, ux)
        d -= seg
    raise AssertionError("polyline has no length")


class Placer:
    """Draws a point for one placement component, resampling until it lies inside
    the intended kern (and, in Loosdrecht, not in the plassen)."""

    def __init__(self, kernen):
        self.kernen = kernen
        self.lake = Polygon(LOOSDRECHTSE_PLASSEN)
        shapely.prepare(self.lake)

    def _ok(self, kern, x, y):
        x, y = round(x, 1), round(y, 1)
        if not shapely.contains_xy(self.kernen[kern][1], x, y):
            return False
        return not (kern == "LSD" and shapely.contains_xy(self.lake, x, y))

    def draw(self, rng, kern, ptype, params):
        geom = self.kernen[kern][0]
        minx, miny, maxx, maxy = geom.bounds
        for _ in range(10000):
            if ptype in ("centre", "estate"):
                sd = params["sd"]
                sx, sy = (sd, sd) if isinstance(sd, (int, float)) else sd
                x = params["at"][0] + sx * rng.normal()
                y = params["at"][1] + sy * rng.normal()
            elif ptype == "road":
                px, py, (nx, ny) = point_on_polyline(rng, params["line"])
                off = params["sd"] * rng.normal()
                x, y = px + off * nx, py + off * ny
            elif ptype == "park":
                (cx, cy), (hx, hy) = params["at"], params["half"]
                x, y = rng.uniform(cx - hx, cx + hx), rng.uniform(cy - hy, cy + hy)
            elif ptype == "shore":
                ring = list(params["poly"]) + [params["poly"][0]]
                px, py, _ = point_on_polyline(rng, ring)
                ang, dist = rng.uniform(0.0, 2.0 * math.pi), rng.uniform(*params["band"])
                x, y = px + dist * math.cos(ang), py + dist * math.sin(ang)
            elif ptype == "rural":
                x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            else:
                raise ValueError(ptype)
            if self._ok(kern, x, y):
                return round(x, 1), round(y, 1)
        raise RuntimeError(f"could not place a point for {kern}/{ptype}")

    def draw_outside(self, rng, band):
        """A point band[0]..band[1] m outside the municipality: start from a random
        vertex-interpolated point on a kern's outline and step outward."""
        codes = list(self.kernen)
        for _ in range(100000):
            geom = self.kernen[rng.pick(codes)][0]
            if geom.geom_type == "MultiPolygon":  # the main part, not a sliver
                geom = max(geom.geoms, key=lambda g: g.area)
            ring = list(geom.exterior.coords)
            px, py, _ = point_on_polyline(rng, ring)
            ang, dist = rng.uniform(0.0, 2.0 * math.pi), rng.uniform(*band)
            x, y = round(px + dist * math.cos(ang), 1), round(py + dist * math.sin(ang), 1)
            p = Point(x, y)
            d = min(g.distance(p) for g, _ in self.kernen.values())
            if band[0] <= d <= band[1]:
                return x, y
        raise RuntimeError("could not place an outside point")


# ---------------------------------------------------------------------------
# The register
# ---------------------------------------------------------------------------
class Namer:
    def __init__(self):
        self.used = {}

    def make(self, rng, templates, kern):
        t = rng.pick(templates)
        s1 = rng.pick(SURNAMES)
        s2 = rng.pick([s for s in SURNAMES if s != s1])
        name = (t.replace("{S2}", s2).replace("{S}", s1).replace("{N}", rng.pick(WORDS))
                .replace("{P}", rng.pick(PLACE_WORDS[kern])).replace("{I}", rng.pick(INITIALS)))
        # Duplicates get a running number ("Jachthaven Loosdrecht 2"): this also
        # marks the names as generated.
        n = self.used.get(name, 0) + 1
        self.used[name] = n
        return name if n == 1 else f"{name} {n}"


class SectorTable:
    def __init__(self):
        self.cache = {}

    def cum(self, kern, ptype):
        key = (kern, ptype)
        if key not in self.cache:
            mix = OUTSIDE_MIX if kern == "" else KERN_MIX[kern]
            k = PLACE_TYPES.index(ptype)
            weights = []
            for s in SECTORS:
                aff = AFFINITY_OVERRIDE.get(s[0], AFFINITY[s[1]])
                weights.append(s[3] * mix.get(s[1], 1.0) * aff[k])
            self.cache[key] = cumulative(weights)
        return self.cache[key]

    def draw(self, rng, kern, ptype, function=None):
        if function is None:
            return SECTORS[rng.weighted_index(self.cum(kern, ptype))]
        # Re-occupation of an existing unit: a new occupant of the same BAG use.
        for _ in range(200):
            s = SECTORS[rng.weighted_index(self.cum(kern, ptype))]
            if s[2] == function:
                return s
        return None


def occupant(rng, namer, sector, kern):
    """Name, staff and home-based flag of a (new) occupant of a sector."""
    code, group, function, _w, p_solo, staff, area, homeable, templates = sector
    solo = rng.chance(p_solo)
    if code == "64.20":
        employees = 0  # holdings: a shell with the owner on another payroll
    elif solo:
        employees = 1
    else:
        employees = max(2, int(round(rng.lognormal(max(staff, 2), 0.6))))
    return {"sector": sector, "name": namer.make(rng, templates, kern),
            "employees": employees, "home": bool(solo and homeable)}


def floor_area(rng, sector, home):
    if home:
        return max(8, int(round(rng.lognormal(30, 0.45))))
    return max(15, int(round(rng.lognormal(sector[6], 0.55))))


def vacancy_propensity(unit):
    p = VACANCY_BY_FUNCTION[unit["function"]] * VACANCY_SCALE
    return p * HOME_VACANCY_FACTOR if unit["occ24"]["home"] else p


def days_before(day, n):
    return day - dt.timedelta(days=int(n))


def build_units(rng, kernen):
    placer, sectors, namer = Placer(kernen), SectorTable(), Namer()
    units = []

    def new_unit(kern, comp, lifecycle):
        ptype, label, params, _w = comp
        if kern:
            x, y = placer.draw(rng, kern, ptype, params)
        else:
            x, y = placer.draw_outside(rng, OUTSIDE_BAND)
        sector = sectors.draw(rng, kern, ptype)
        occ = occupant(rng, namer, sector, kern)
        unit = {
            "kern": kern, "ptype": ptype, "placement": f"{ptype}:{label}", "lifecycle": lifecycle,
            "x": x, "y": y, "function": sector[2], "occ24": occ, "occ25": occ,
            "floor": None if rng.chance(P_FLOOR_UNKNOWN) else floor_area(rng, sector, occ["home"]),
            "undotted": rng.chance(P_SBI_UNDOTTED),
        }
        units.append(unit)
        return unit

    for kern, comps in PLACES.items():
        cum = cumulative([c[3] for c in comps])
        n_continuing = 0
        for _ in range(UNITS_2025[kern]):
            comp = comps[rng.weighted_index(cum)]
            opened = rng.chance(P_OPENED_BY_PLACE.get(comp[1], P_OPENED))
            new_unit(kern, comp, "opened" if opened else "continuing")
            n_continuing += not opened
        # Units that closed during 2024 are drawn the same way, on top of the
        # 2025 count, so the 2025 total per kern stays as configured.
        for _ in range(int(round(n_continuing * P_CLOSED / (1.0 - P_CLOSED)))):
            new_unit(kern, comps[rng.weighted_index(cum)], "closed")
    for _ in range(N_OUTSIDE):
        new_unit("", ("rural", "buiten de gemeente", {}, 0), "continuing")

    # Ids: registration order.  Units that already existed on 2024-01-01 get the
    # low numbers in a shuffled order (a register is not sorted by place); the
    # units opened during 2024 come after them.
    old = [u for u in units if u["lifecycle"] != "opened"]
    new = [u for u in units if u["lifecycle"] == "opened"]
    rng.shuffle(old)
    rng.shuffle(new)
    for i, u in enumerate(old + new, start=1):
        u["id"] = f"WDM{i:06d}"

    assign_status(rng, units, sectors, namer)
    return units


def assign_status(rng, units, sectors, namer):
    for u in sorted(units, key=lambda u: u["id"]):
        u["status24"] = u["status25"] = None
        u["since"] = None  # one vacant_since per vacancy spell
        if u["lifecycle"] == "opened":
            u["status25"] = "occupied"
            continue
        p_vac = vacancy_propensity(u) * (1.8 if u["lifecycle"] == "closed" else 1.0)
        vacant24 = rng.chance(p_vac)
        u["status24"] = "vacant" if vacant24 else "occupied"
        if vacant24:
            u["since_unknown"] = rng.chance(P_SINCE_UNKNOWN)
            r = rng.random()  # age of the vacancy on 2024-01-01
            days = (rng.uniform(0, 365) if r < 0.40 else
                    rng.uniform(365, 3 * 365) if r < 0.70 else rng.uniform(3 * 365, 12 * 365))
            u["since"] = days_before(SNAP_2024, days)
        if u["lifecycle"] == "closed":
            continue
        if vacant24:
            if rng.chance(P_REOCCUPIED):
                # A new occupant with the same BAG use moves into the empty unit.
                sector = sectors.draw(rng, u["kern"], u["ptype"], u["function"]) or u["occ24"]["sector"]
                u["occ25"] = occupant(rng, namer, sector, u["kern"])
                u["occ25"]["home"] = False
                u["status25"] = "occupied"
                u["transition"] = "reoccupied"
            else:
                u["status25"] = "vacant"
                u["transition"] = "vacant_both"
        else:
            if rng.chance(vacancy_propensity(u) * NEWLY_VACANT_FACTOR):
                u["status25"] = "vacant"
                u["since_unknown"] = rng.chance(P_SINCE_UNKNOWN)
                u["since"] = SNAP_2024 + dt.timedelta(days=1 + rng.below(365))
                u["transition"] = "newly_vacant"
            else:
                u["status25"] = "occupied"
                u["transition"] = "occupied_both"
                if u["occ24"]["employees"] > 0 and rng.chance(0.12):
                    # Staff numbers drift a little between snapshots.
                    e = u["occ24"]["employees"] + (1 if rng.chance(0.5) else -1)
                    u["occ25"] = dict(u["occ24"], employees=max(1, e))
    force_edge_dates(units)


def force_edge_dates(units):
    """Pin a few vacancy start dates on the duration-class boundaries so that the
    engine's date arithmetic is exercised on them:
      2025 snapshot: 2024-01-02 (exactly 365 days; 2024 is a leap year),
                     2024-01-01 (one calendar year = 366 days), 2022-01-01 (exactly
                     3 years), 2022-01-02 (one day short of 3 years), 2024-12-31
                     (1 day) and 2025-01-01 (vacated on the snapshot date itself).
      2024 snapshot: 2023-01-01 (exactly 1 year) and 2021-01-01 (exactly 3 years)."""
    by_id = sorted(units, key=lambda u: u["id"])
    both = [u for u in by_id if u.get("transition") == "vacant_both" and not u["since_unknown"]]
    newly = [u for u in by_id if u.get("transition") == "newly_vacant" and not u["since_unknown"]]
    pins_both = [dt.date(2022, 1, 1), dt.date(2022, 1, 2), dt.date(2024, 1, 1),
                 dt.date(2023, 1, 1), dt.date(2021, 1, 1)]
    pins_newly = [dt.date(2024, 1, 2), dt.date(2024, 12, 31), dt.date(2025, 1, 1)]
    if len(both) < len(pins_both) or len(newly) < len(pins_newly):
        raise RuntimeError("too few vacant units to pin the edge-case dates")
    for u, d in zip(both, pins_both):
        u["since"] = d
    for u, d in zip(newly, pins_newly):
        u["since"] = d


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------
def fmt_sbi(code, undotted):
    return code.replace(".", "") if undotted else code


def record(u, year):
    status = u["status24"] if year == 2024 else u["status25"]
    occ = u["occ24"] if year == 2024 else u["occ25"]
    vacant = status == "vacant"
    # A vacant unit keeps the name and SBI code of its last use (as retail
    # monitors do); it has no staff.
    since = u["since"].isoformat() if vacant and not u["since_unknown"] else ""
    return {
        "id": u["id"], "name": occ["name"], "sbi": fmt_sbi(occ["sector"][0], u["undotted"]),
        "x": f"{u['x']:.1f}", "y": f"{u['y']:.1f}",
        "floor_area_m2": "" if u["floor"] is None else str(u["floor"]),
        "status": status, "vacant_since": since,
        "employees": "0" if vacant else str(occ["employees"]),
        "function": u["function"],
        "snapshot_date": (SNAP_2024 if year == 2024 else SNAP_2025).isoformat(),
    }


def write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def write_outputs(units, out_dir, truth_file):
    out_dir.mkdir(parents=True, exist_ok=True)
    truth_file.parent.mkdir(parents=True, exist_ok=True)
    units = sorted(units, key=lambda u: u["id"])
    write_csv(out_dir / "locations_2024.csv", COLUMNS,
              [record(u, 2024) for u in units if u["status24"]])
    write_csv(out_dir / "locations.csv", COLUMNS,
              [record(u, 2025) for u in units if u["status25"]])
    write_csv(truth_file, TRUTH_COLUMNS, [
        {"id": u["id"], "intended_kern": u["kern"], "placement": u["placement"],
         "lifecycle": u["lifecycle"], "status_2024": u["status24"] or "",
         "status_2025": u["status25"] or ""} for u in units])


def summary(units):
    lines = ["kern  n2024 vac2024  n2025 vac2025 opened closed"]
    for kern in list(PLACES) + [""]:
        us = [u for u in units if u["kern"] == kern]
        n24 = sum(1 for u in us if u["status24"])
        v24 = sum(1 for u in us if u["status24"] == "vacant")
        n25 = sum(1 for u in us if u["status25"])
        v25 = sum(1 for u in us if u["status25"] == "vacant")
        op = sum(1 for u in us if u["lifecycle"] == "opened")
        cl = sum(1 for u in us if u["lifecycle"] == "closed")
        lines.append(f"{kern or 'OUT':<5} {n24:>5} {v24:>7} {n25:>6} {v25:>7} {op:>6} {cl:>6}")
    n24 = sum(1 for u in units if u["status24"])
    v24 = sum(1 for u in units if u["status24"] == "vacant")
    n25 = sum(1 for u in units if u["status25"])
    v25 = sum(1 for u in units if u["status25"] == "vacant")
    lines.append(f"total {n24:>5} {v24:>7} {n25:>6} {v25:>7}   "
                 f"vacancy 2024 {100 * v24 / n24:.1f}%  2025 {100 * v25 / n25:.1f}%")
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    ap.add_argument("--kernen", default=str(DEFAULT_KERNEN), help="kern polygons (GeoJSON, EPSG:28992)")
    ap.add_argument("--out-dir", default=str(DEFAULT_OUT_DIR), help="output directory")
    ap.add_argument("--truth-file", default=str(DEFAULT_TRUTH),
                    help="where to write the generator's intentions per id (test oracle)")
    ap.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = ap.parse_args(argv)

    rng = Rng(args.seed)
    units = build_units(rng, load_kernen(Path(args.kernen)))
    write_outputs(units, Path(args.out_dir), Path(args.truth_file))
    if not args.quiet:
        print(summary(units))
    return 0


if __name__ == "__main__":
    sys.exit(main())
