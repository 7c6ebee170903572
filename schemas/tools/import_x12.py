#!/usr/bin/env python3
"""Generate the X12 schema files under schemas/x12/ from public reference data.

Usage:  python3 schemas/tools/import_x12.py /path/to/reference [--out schemas]

The reference directory is the offline collection described in its README.md
(x12/004010/eidx-sef, x12/004010/oopfactory, x12/004010/apimeister,
x12/005010/oopfactory, x12/005010/staedi, x12/envelope/oboe,
LICENSES-and-schemas/pyx12). Nothing from it is copied: the script reads the
facts (element types, lengths, code values, segment layouts, relational
conditions, set structures) and writes them in our own schema-v1 format
(docs/schema-format.md). Output is deterministic.

Sources per part:
  004010 dictionary    EIDX SEF (.SEGS/.COMS/.ELMS/.CODES); names from pyx12
                       dataele.xml and OopFactory, segment/composite names from
                       the table below.
  004010 structures    SEF .SETS for 810 832 846 850 855 997; the tables in
                       STRUCTURES below for 856 860 940 943 944 945 947 (our
                       transcription of the standard tables, cross-checked
                       against OopFactory, the bots grammars and, for 940, the
                       apimeister JSON, which this script also reads).
  005010 dictionary    OopFactory Ansi-5010Specification.xml (types, lengths,
                       code lists) compared against 004010; StAEDI
                       EDISchema999.xml for the 999 composites.
  005010 structures    tables in STRUCTURES (004010 structures with the
                       005010 differences of the bots grammars; 999 from
                       OopFactory/StAEDI/pyx12).
  control dictionary   OBOE x12.envelope.xml and IDListI17/I18.xml (TA1).

Python 3 standard library only.
"""

import argparse
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter, OrderedDict

# ---------------------------------------------------------------------------
# Fixed facts of our own: set names, functional groups, segment and composite
# names (the SEF files carry no names).

SETS_004010 = ["810", "832", "846", "850", "855", "856", "860", "940", "943",
               "944", "945", "947", "997"]
SETS_005010 = ["810", "850", "855", "856", "997", "999"]

SET_INFO = {
    "810": ("Invoice", "IN"),
    "832": ("Price/Sales Catalog", "SC"),
    "846": ("Inventory Inquiry/Advice", "IB"),
    "850": ("Purchase Order", "PO"),
    "855": ("Purchase Order Acknowledgment", "PR"),
    "856": ("Ship Notice/Manifest", "SH"),
    "860": ("Purchase Order Change Request - Buyer Initiated", "PC"),
    "940": ("Warehouse Shipping Order", "OW"),
    "943": ("Warehouse Stock Transfer Shipment Advice", "AR"),
    "944": ("Warehouse Stock Transfer Receipt Advice", "RE"),
    "945": ("Warehouse Shipping Advice", "SW"),
    "947": ("Warehouse Inventory Adjustment Advice", "AW"),
    "997": ("Functional Acknowledgment", "FA"),
    "999": ("Implementation Acknowledgment", "FA"),
}

SEF_FILES = {  # set -> SEF file holding its .SETS structure
    "810": "ain4010x.sef", "832": "ASC4010X.SEF", "846": "aib4010x.sef",
    "850": "apo4010x.sef", "855": "apr4010x.sef", "997": "afa4010x.sef",
}
SEF_DICTIONARY = "apo4010x.sef"  # every SEF file carries the full dictionary

SEGMENT_NAMES = {
    "AAA": "Request Validation", "ACK": "Line Item Acknowledgment",
    "ADV": "Advertising Demographic Information",
    "AK1": "Functional Group Response Header",
    "AK2": "Transaction Set Response Header",
    "AK3": "Data Segment Note", "AK4": "Data Element Note",
    "AK5": "Transaction Set Response Trailer",
    "AK9": "Functional Group Response Trailer",
    "AMT": "Monetary Amount", "AT9": "Trailer or Container Dimension and Weight",
    "BAK": "Beginning Segment for Purchase Order Acknowledgment",
    "BAL": "Balance Detail", "BCH": "Beginning Segment for Purchase Order Change",
    "BCT": "Beginning Segment for Price/Sales Catalog",
    "BEG": "Beginning Segment for Purchase Order",
    "BIA": "Beginning Segment for Inventory Inquiry/Advice",
    "BIG": "Beginning Segment for Invoice",
    "BNX": "Rail Shipment Information",
    "BSN": "Beginning Segment for Ship Notice",
    "CAD": "Carrier Detail", "CB1": "Contract and Cost Accounting Standards Data",
    "CLD": "Load Detail", "CN1": "Contract Information",
    "CRC": "Conditions Indicator", "CRD": "Credit/Debit Adjustment",
    "CS": "Contract Summary", "CSH": "Sales Requirements",
    "CTB": "Restrictions/Conditions", "CTP": "Pricing Information",
    "CTT": "Transaction Totals", "CTX": "Context", "CUR": "Currency",
    "DD": "Demand Detail", "DIS": "Discount Detail",
    "DMG": "Demographic Information", "DTM": "Date/Time Reference",
    "DTP": "Date or Time or Period", "EFI": "Electronic Format Identification",
    "ETD": "Excess Transportation Detail", "FA1": "Type of Financial Accounting Data",
    "FA2": "Accounting Data", "FOB": "F.O.B. Related Instructions",
    "G08": "Inventory Adjustment Details", "G26": "Sale Condition",
    "G36": "Ordering/Billing Data", "G39": "Item Characteristics - Vendor's Selling Unit",
    "G40": "Promotion Conditions", "G43": "Promotion Conditions",
    "G53": "Maintenance Type", "G54": "Item Characteristics - Wholesaler/Retailer",
    "G55": "Item Characteristics - Consumer Unit",
    "G61": "Contact", "G62": "Date/Time", "G66": "Transportation Instructions",
    "G69": "Line Item Detail - Description", "G72": "Allowance or Charge",
    "G93": "Catalog Information",
    "GF": "Furnished Goods and Services", "HL": "Hierarchical Level",
    "IK3": "Implementation Data Segment Note",
    "IK4": "Implementation Data Element Note",
    "IK5": "Implementation Transaction Set Response Trailer",
    "IN2": "Individual Name Structure Components",
    "INC": "Installment Information", "ISS": "Invoice Shipment Summary",
    "IT1": "Baseline Item Data (Invoice)", "IT3": "Additional Item Data",
    "IT8": "Conditions of Sale", "ITD": "Terms of Sale/Deferred Terms of Sale",
    "L7": "Tariff Reference", "LDT": "Lead Time", "LE": "Loop Trailer",
    "LEP": "EPA Required Data", "LFG": "Freight Ground Rules",
    "LFH": "Free-form Hazardous Material Information",
    "LH1": "Hazardous Identification Information",
    "LH2": "Hazardous Classification Information",
    "LH3": "Hazardous Material Shipping Name",
    "LH4": "Canadian Dangerous Requirements",
    "LH6": "Hazardous Certification",
    "LHE": "Empty Equipment Hazardous Material Information",
    "LHR": "Hazardous Material Identifying Reference Numbers",
    "LHT": "Transborder Hazardous Requirements",
    "LIN": "Item Identification", "LM": "Code Source Information",
    "LQ": "Industry Code", "LS": "Loop Header", "LX": "Assigned Number",
    "MAN": "Marks and Numbers", "MEA": "Measurements",
    "MSG": "Message Text", "MTX": "Text", "N1": "Name",
    "N2": "Additional Name Information", "N3": "Address Information",
    "N4": "Geographic Location", "N9": "Reference Identification",
    "NTE": "Note/Special Instruction", "NX2": "Location ID Component",
    "PAL": "Pallet Information", "PAM": "Period Amount",
    "PCT": "Percent Amounts", "PER": "Administrative Communications Contact",
    "PID": "Product/Item Description", "PKG": "Marking, Packaging, Loading",
    "PKL": "Packaging Relationship",
    "PO1": "Baseline Item Data", "PO3": "Additional Item Detail",
    "PO4": "Item Physical Details", "POC": "Line Item Change",
    "PRF": "Purchase Order Reference", "PWK": "Paperwork",
    "QTY": "Quantity", "R2": "Route Information", "R4": "Port or Terminal",
    "REF": "Reference Identification", "SAC": "Service, Promotion, Allowance, or Charge Information",
    "SCH": "Line Item Schedule", "SDQ": "Destination Quantity",
    "SE": "Transaction Set Trailer", "SI": "Service Characteristic Identification",
    "SLN": "Subline Item Detail", "SN1": "Item Detail (Shipment)",
    "SPI": "Specification Identifier", "SR": "Requested Service Schedule",
    "ST": "Transaction Set Header", "TAX": "Tax Reference",
    "TC2": "Commodity", "TD1": "Carrier Details (Quantity and Weight)",
    "TD3": "Carrier Details (Equipment)",
    "TD4": "Carrier Details (Special Handling, or Hazardous Materials, or Both)",
    "TD5": "Carrier Details (Routing Sequence/Transit Time)",
    "TDS": "Total Monetary Value Summary", "TSD": "Trailer Shipment Details",
    "TXI": "Tax Information", "UIT": "Unit Detail",
    "V1": "Vessel Identification",
    "W01": "Line Item Detail - Warehouse", "W03": "Total Shipment Information",
    "W04": "Item Detail Total", "W05": "Shipping Order Identification",
    "W06": "Warehouse Shipment Identification", "W07": "Item Detail For Stock Receipt",
    "W08": "Warehouse Receipt Information", "W09": "Equipment and Temperature",
    "W10": "Warehouse Delivery Information", "W12": "Warehouse Item Detail",
    "W13": "Item Detail Exception", "W14": "Total Receipt Information",
    "W15": "Warehouse Adjustment Identification",
    "W17": "Warehouse Receipt Identification", "W18": "Exception Information",
    "W19": "Quantity Adjustment", "W20": "Line Item Detail (Miscellaneous)",
    "W27": "Carrier Detail", "W28": "Consolidation Information",
    "W6": "Special Handling Information", "W66": "Warehouse Carrier Information",
    "W76": "Total Shipping Order", "YNQ": "Yes/No Question",
    "TA1": "Interchange Acknowledgment",
}

COMPOSITE_NAMES = {
    "C001": "Composite Unit of Measure", "C002": "Actions Indicated",
    "C003": "Composite Medical Procedure Identifier",
    "C022": "Health Care Code Information", "C023": "Health Care Service Location Information",
    "C030": "Position in Segment", "C035": "Provider Specialty Information",
    "C036": "Monetary Amount Information", "C040": "Reference Identifier",
    "C042": "Adjustment Identifier", "C045": "Marks and Numbers Information",
    "C056": "Composite Race or Ethnicity Information",
    "C998": "Context Identification", "C999": "Reference in Segment",
}

# ---------------------------------------------------------------------------
# Structures that are not in a SEF file, in SEF .SETS notation extended with
# loop ids: [TAG,REQ,MAX] a segment (REQ M or empty, MAX empty = 1, >1 =
# unbounded); {ID:REPEAT ...} a loop whose first segment is its trigger (the
# loop is mandatory when the trigger is marked M). Our transcription of the
# standard tables (see the module docstring for the cross-checks).

STRUCTURES = {
    ("004010", "856"): (
        "[ST,M][BSN,M][DTM,,10]"
        "{HL:200000[HL,M][LIN][SN1][SLN,,1000][PRF][PO4][PID,,200][MEA,,40][PWK,,25]"
        "[PKG,,25][TD1,,20][TD5,,12][TD3,,12][TD4,,5][TSD][REF,,>1][PER,,3]"
        "{LH1:100[LH1][LH2,,4][LH3,,12][LFH,,20][LEP,,>1][LH4][LHT,,3][LHR,,10][PER,,5][LHE]}"
        "{CLD:200[CLD][REF,,200][DTP]}"
        "[MAN,,>1][DTM,,10][FOB][PAL]"
        "{N1:200[N1][N2,,2][N3,,2][N4][REF,,12][PER,,3][FOB]}"
        "[SDQ,,50][ETD][CUR]{SAC:>1[SAC][CUR]}[GF][YNQ,,10]"
        "{LM:10[LM][LQ,M,100]}{V1:>1[V1][R4,,>1][DTM,,>1]}}"
        "[CTT][SE,M]"),
    ("004010", "860"): (
        "[ST,M][BCH,M][CUR][REF,,>1][PER,,3][TAX,,>1][FOB,,>1][CTP,,>1][PAM,,10][CSH,,5]"
        "{SAC:25[SAC][CUR]}[ITD,,5][DIS,,20][INC][DTM,,10][LDT,,12][LIN,,5][SI,,>1]"
        "[PID,,200][MEA,,40][PWK,,25][PKG,,200][TD1,,2][TD5,,12][TD3,,12][TD4,,5]"
        "[CTB,,>1][MAN,,10][G53,,>1][TXI,,>1][PCT,,>1]"
        "{AMT:>1[AMT][REF,,>1][DTM][PCT,,>1]{FA1:>1[FA1][FA2,M,>1]}}"
        "{N9:1000[N9][DTM,,>1][MSG,,1000]}"
        "{N1:200[N1][N2,,2][N3,,2][N4,,>1][NX2,,>1][REF,,12][PER,,>1][SI,,>1][FOB]"
        "[TD1,,2][TD5,,12][TD3,,12][TD4,,5][PKG,,200]}"
        "{LM:>1[LM][LQ,M,>1]}"
        "{SPI:>1[SPI][REF,,5][DTM,,5][MSG,,50]{N1:20[N1][N2,,2][N3,,2][N4][REF,,20][G61][MSG,,50]}"
        "{CB1:>1[CB1][REF,,20][DTM,,5][LDT][MSG,,50]}}"
        "{ADV:>1[ADV][DTM,,>1][MTX,,>1]}"
        "{POC:>1[POC][LIN,,>1][SI,,>1][CUR][CN1][PO3,,25][CTP,,>1][PAM,,10][MEA,,40]"
        "{PID:1000[PID][MEA,,10]}[PWK,,25][PKG,,200][PO4,,>1][REF,,>1][PER,,3]"
        "{SAC:25[SAC][CUR]}[IT8][CSH,,>1][ITD,,2][DIS,,20][INC][TAX,,>1][FOB,,>1]"
        "[SDQ,,500][DTM,,10][TD1][TD5,,12][TD3,,12][TD4,,5][MAN,,10][PCT,,>1][TC2,,2]"
        "[CTB,,>1][TXI,,>1][SPI,,>1][MSG,,>1]"
        "{QTY:>1[QTY][SI,,>1]}{SCH:200[SCH][TD1,,2][TD5,,12][TD3,,12][TD4,,5]}"
        "{N9:1000[N9][DTM,,>1][MSG,,1000]}"
        "[LS]{LDT:>1[LDT][QTY,,>1][MSG][REF,,3]{LM:>1[LM][LQ,M,>1]}}[LE]"
        "{N1:200[N1][N2,,2][N3,,2][N4][QTY,,>1][NX2,,>1][REF,,12][PER,,3][SI,,>1][DTM]"
        "[FOB][SCH,,200][TD1,,2][TD5,,12][TD3,,12][TD4,,5][PKG,,200]"
        "{LDT:>1[LDT][MAN,,10][QTY,,5][MSG][REF,,3]}}"
        "{SLN:1000[SLN][MSG,,>1][SI,,>1][PID,,1000][PO3,,104][TC2,,2]{SAC:10[SAC][CUR]}"
        "[DTM,,10][CTP,,25][PAM,,10][PO4][TAX,,3][ADV,,>1]{QTY:>1[QTY][SI,,>1]}"
        "{N9:>1[N9][DTM,,>1][MSG,,>1]}"
        "{N1:10[N1][N2,,2][N3,,2][N4][NX2,,>1][REF,,12][PER,,3][SI,,>1]}}"
        "{AMT:>1[AMT][REF][PCT,,>1]}{LM:>1[LM][LQ,M,>1]}}"
        "{CTT:1[CTT][AMT,,5]}[SE,M]"),
    # 940 is read from the apimeister JSON (see structure_from_apimeister).
    ("004010", "943"): (
        "[ST,M][W06,M]{0100:10[N1,M][N2][N3,,2][N4][PER,,5]}[N9,,10][G61,,3][G62,,5]"
        "[NTE,,20][W27,M][W28][W10]"
        "{0200:9999[W04,M][G69,,5][N9,,200][W20,,2]}[W03,M][SE,M]"),
    ("004010", "944"): (
        "[ST,M][W17,M]{0100:10[N1,M][N2][N3,,2][N4][PER,,5]}[N9,,10][G61,,3][G62,,5]"
        "[NTE,,20][W08][W18,,10][G08,,2]"
        "{0200:9999[W07,M][G69,,5][N9,,200][W20,,2]{0210:50[W13][N9,,200]}}"
        "[W14,M][SE,M]"),
    ("004010", "945"): (
        "[ST,M][W06,M]{0100:10[N1,M][N2][N3,,2][N4][PER,,5]}[N9,,10][G61,,3][G62,,5]"
        "[NTE,,20][W27][W6][W28][W10,,10][G72,,5]{0200:10[LM][LQ,M,100]}"
        "{0300:>1[LX][MAN,,>1][PAL][N9,,5]"
        "{0310:>1[W12][G69,,5][N9,,200][G62,,10][QTY,,10][MEA,,5][AMT][R4,,5][W27][N1,,5]"
        "[G72,,5]{0320:10[LM][LQ,M,100]}"
        "[LS]{0330:>1[LX][N9,,>1][G62,,10][N1]{0331:10[LM][LQ,M,100]}}[LE]"
        "{0340:>1[FA1][FA2,M,>1]}}}"
        "[W03][SE,M]"),
    ("004010", "947"): (
        "[ST,M][W15,M]{0100:100[N1,M][N2][N3][N4][PER,,5]}[N9,,10][G61,,3][G62,,5]"
        "[NTE,,20]{0200:10[LM][LQ,M,100]}"
        "{0300:>1[W19,M][G69,,5][N9,,10][CS][AMT][G62,,10]{0310:10[LM][LQ,M,100]}"
        "{0320:50[N1][N2,,2][N3,,2][N4][G61,,5]}"
        "{0330:>1[LX][N9,,>1][G62][N1]{0331:10[LM][LQ,M,100]}}"
        "{0340:>1[FA1][FA2,M,>1]}}"
        "[SE,M]"),
    ("005010", "810"): (
        "[ST,M][BIG,M][NTE,,100][CUR][REF,,12][YNQ,,10][PER,,3]"
        "{N1:200[N1][N2,,2][N3,,2][N4][REF,,12][PER,,3][DMG]}"
        "[ITD,,>1][DTM,,10][FOB][PID,,200][MEA,,40][PWK,,25][PKG,,25][L7][BAL,,>1][INC]"
        "[PAM,,>1][CRC]{LM:10[LM][LQ,M,100]}{N9:1[N9][MSG,M,10]}{V1:>1[V1][R4,,>1][DTM,,>1]}"
        "{FA1:>1[FA1][FA2,M,>1]}"
        "{IT1:200000[IT1][CRC][QTY,,5][CUR][IT3,,5][TXI,,>1][CTP,,25][PAM,,10][MEA,,40]"
        "{PID:1000[PID][MEA,,10]}[PWK,,25][PKG,,25][PO4][ITD,,2][REF,,>1][YNQ,,10][PER,,5]"
        "[SDQ,,500][DTM,,10][CAD,,>1][L7,,>1][SR]"
        "{SAC:>1[SAC]{TXI:>1[TXI][DTM]}}"
        "{SLN:1000[SLN][DTM][REF,,>1][PID,,1000][SAC,,>1][TC2,,2][TXI,,>1]}"
        "{N1:200[N1][N2,,2][N3,,2][N4][REF,,12][PER,,3][DMG]}"
        "{LM:10[LM][LQ,M,100]}{V1:>1[V1][R4,,>1][DTM,,>1]}{FA1:>1[FA1][FA2,M,>1]}}"
        "[TDS,M][TXI,,>1][CAD][AMT,,>1]"
        "{SAC:>1[SAC][DTM,,>1]{TXI:>1[TXI][DTM]}}"
        "{ISS:>1[ISS][PID]}[CTT][SE,M]"),
    ("005010", "850"): (
        "[ST,M][BEG,M][CUR][REF,,>1][PER,,3][TAX,,>1][FOB,,>1][CTP,,>1][PAM,,10][CSH,,5]"
        "[TC2,,>1]{SAC:25[SAC][CUR]}[ITD,,>1][DIS,,20][INC][DTM,,10][LIN,,5][SI,,>1]"
        "[PID,,200][MEA,,40][PWK,,25][PKG,,200][TD1,,2][TD5,,>1][TD3,,12][TD4,,5]"
        "[MAN,,10][PCT,,>1][CTB,,5][TXI,,>1]"
        "{LDT:>1[LDT][QTY,,>1][MTX,,>1][REF,,>1]}"
        "{AMT:>1[AMT][REF,,>1][DTM][PCT,,>1]{FA1:>1[FA1][FA2,M,>1]}}"
        "{N9:1000[N9][DTM,,>1][MTX,,>1][PWK,,>1][EFI,,>1]}"
        "{N1:200[N1][N2,,2][IN2,,>1][N3,,2][N4,,>1][NX2,,>1][REF,,12][PER,,>1][SI,,>1]"
        "[FOB][TD1,,2][TD5,,12][TD3,,12][TD4,,5][PKG,,200]}"
        "{LM:>1[LM][LQ,M,>1]}"
        "{SPI:>1[SPI][REF,,5][DTM,,5][MTX,,>1]"
        "{N1:20[N1][N2,,2][N3,,2][N4][REF,,20][G61][MTX,,>1]}"
        "{CB1:>1[CB1][REF,,20][DTM,,5][LDT][MTX,,>1]}}"
        "{ADV:>1[ADV][DTM,,>1][MTX,,>1]}"
        "{PO1:100000[PO1,M][LIN,,>1][SI,,>1][CUR][CN1][PO3,,25]{CTP:>1[CTP][CUR]}[PAM,,10]"
        "[MEA,,40]{PID:1000[PID][MEA,,10]}[PWK,,25][PO4,,>1][REF,,>1][PER,,3]"
        "{SAC:25[SAC][CUR][CTP]}[IT8][CSH,,>1][ITD,,2][DIS,,20][INC][TAX,,>1][FOB,,>1]"
        "[SDQ,,500][IT3,,5][DTM,,10][TC2,,>1][TD1][TD5,,12][TD3,,12][TD4,,5][PCT,,>1]"
        "[MAN,,10][MTX,,>1][SPI,,>1][TXI,,>1][CTB,,>1]"
        "{QTY:>1[QTY][SI,,>1]}{SCH:200[SCH][TD1,,2][TD5,,12][TD3,,12][TD4,,5][REF,,>1]}"
        "{PKG:200[PKG][MEA,,>1]}"
        "[LS]{LDT:>1[LDT][QTY,,>1][MTX,,>1][REF,,3]{LM:>1[LM][LQ,M,>1]}}[LE]"
        "{N9:1000[N9][DTM,,>1][MEA,,40][MTX,,>1][PWK,,>1][EFI,,>1]}"
        "{N1:200[N1][N2,,2][IN2,,>1][N3,,2][N4][QTY,,>1][NX2,,>1][REF,,12][PER,,3][SI,,>1]"
        "[DTM][FOB][SCH,,200][TD1,,2][TD5,,12][TD3,,12][TD4,,5][PKG,,200]"
        "{LDT:>1[LDT][MAN,,10][QTY,,5][MTX,,>1][REF,,3]}}"
        "{SLN:1000[SLN][MTX,,>1][SI,,>1][PID,,1000][PO3,,104][MEA,,>1][TC2,,>1][ADV,,>1]"
        "[DTM,,10][CTP,,25][PAM,,10][PO4][TAX,,3]{N9:>1[N9][DTM,,>1][MTX,,>1]}"
        "{SAC:25[SAC][CUR][CTP]}{QTY:>1[QTY][SI,,>1]}"
        "{N1:10[N1][N2,,2][IN2,,>1][N3,,2][N4][NX2,,>1][REF,,12][PER,,3][SI,,>1]}}"
        "{AMT:>1[AMT][REF,,>1][PCT,,>1]}{LM:>1[LM][LQ,M,>1]}}"
        "{CTT:1[CTT][AMT]}[SE,M]"),
    ("005010", "855"): (
        "[ST,M][BAK,M][CUR][REF,,>1][PER,,3][TAX,,>1][FOB,,>1][CTP,,>1][PAM,,10][CSH]"
        "{SAC:25[SAC][CUR]}[ITD,,5][DIS,,20][INC][DTM,,10][LDT,,12][LIN,,5][SI,,>1]"
        "[PID,,200][MEA,,40][PWK,,25][PKG,,25][TD1,,2][TD5,,12][TD3,,12][TD4,,5][MAN,,10]"
        "[TXI,,>1][CTB,,>1]"
        "{N9:1000[N9][DTM,,>1][MTX,,>1][PWK,,>1][EFI,,>1]}"
        "{N1:200[N1][N2,,2][IN2,,>1][N3,,2][N4][NX2,,>1][REF,,12][PER,,>1][SI,,>1][FOB]"
        "[TD1,,2][TD5,,12][TD3,,12][TD4,,5][PKG,,25][MTX,,>1]}"
        "{ADV:>1[ADV][DTM,,>1][MTX,,>1]}"
        "{PO1:100000[PO1][LIN,,>1][SI,,>1][CUR][PO3,,25][CTP,,>1][PAM,,10][MEA,,40]"
        "{PID:1000[PID][MEA,,10]}[PWK,,25][PO4,,>1][REF,,>1][PER,,3]{SAC:25[SAC][CUR]}"
        "[IT8][CSH,,>1][ITD,,2][DIS,,20][INC][TAX,,>1][FOB,,>1][SDQ,,500][DTM,,10]"
        "[LDT,,12][TD1][TD5,,12][TD3,,12][TD4,,5]{ACK:104[ACK][DTM]}[MAN,,10][AMT]"
        "[CTB,,>1][TXI,,>1]{QTY:>1[QTY][SI,,>1]}{PKG:200[PKG][MEA,,>1]}"
        "{SCH:200[SCH][TD1,,2][TD5,,12][TD3,,12][TD4,,5][REF,,>1]}"
        "{N9:1000[N9][DTM,,>1][MTX,,>1][PWK,,>1][EFI,,>1]}"
        "{N1:200[N1][N2,,2][IN2,,>1][N3,,2][N4][NX2,,>1][REF,,12][PER,,3][SI,,>1][DTM]"
        "[FOB][SCH,,200][TD1,,2][TD5,,12][TD3,,12][TD4,,5][QTY,,>1][PKG,,25]}"
        "{SLN:1000[SLN][MTX,,>1][SI,,>1][PID,,1000][PO3,,25][MEA,,>1][CTP,,25][PAM,,10]"
        "[ACK,,104]{SAC:10[SAC][CUR]}[DTM,,10][PO4][TAX,,3][ADV,,>1]"
        "{QTY:>1[QTY][SI,,>1]}{N9:>1[N9][DTM,,>1][MTX,,>1]}"
        "{N1:10[N1][N2,,2][IN2,,>1][N3,,2][N4][NX2,,>1][REF,,12][PER,,3][SI,,>1]}}}"
        "{CTT:1[CTT][AMT]}[SE,M]"),
    ("005010", "856"): (
        "[ST,M][BSN,M][DTM,,10]"
        "{HL:200000[HL,M][LIN][SN1][SLN,,1000][PRF][PO4][PID,,200][MEA,,40][PWK,,25]"
        "[PKG,,25][TD1,,20][TD5,,12]{TD3:12[TD3][AT9]}[TD4,,5][TSD][REF,,>1][PER,,3]"
        "{LH1:100[LH1][LH2,,4][LH3,,12][LFH,,20][LEP,,>1][LH4,,4][LHT,,3][LHR,,10][PER,,5][LHE]}"
        "{CLD:200[CLD][REF,,200][DTP]}"
        "[MAN,,>1][DTM,,10][FOB][PAL]"
        "{N1:200[N1][N2,,2][N3,,2][N4][REF,,12][PER,,3][FOB]}"
        "[SDQ,,50][ETD][CUR]{SAC:>1[SAC][CUR]}[GF][YNQ,,10]"
        "{LM:10[LM][LQ,M,100]}{V1:>1[V1][R4,,>1][DTM,,>1]}}"
        "[CTT][SE,M]"),
    ("005010", "997"): (
        "[ST,M][AK1,M]{AK2:>1[AK2]{AK3:>1[AK3][AK4,,99]}[AK5,M]}[AK9,M][SE,M]"),
    ("005010", "999"): (
        "[ST,M][AK1,M]{2000:>1[AK2]{2100:>1[IK3][CTX,,10]{2110:99[IK4][CTX,,10]}}[IK5,M]}"
        "[AK9,M][SE,M]"),
}

HIERARCHICAL_LOOPS = {"856": "HL"}

# Elements whose name no source gives at a matching position.
FALLBACK_ELEMENT_NAMES = {"671": "Quantity Left to Receive"}

HEADER_TEXT = (
    "# Generated by schemas/tools/import_x12.py from the public 004010/005010\n"
    "# dictionaries (see schemas/README.md). Do not edit by hand: regenerate, and\n"
    "# tighten for a partner or guide with an overlay instead.\n")


def warn(msg):
    print("import_x12: " + msg, file=sys.stderr)


# ---------------------------------------------------------------------------
# SEF reading

def read_sections(path):
    with open(path, "rb") as f:
        text = f.read().decode("latin-1")
    sections = {}
    current = None
    for line in text.splitlines():
        if line.startswith("."):
            current = line.split()[0]
            sections.setdefault(current, [])
            continue
        if current is not None:
            sections[current].append(line)
    return sections


NOTE_RE = re.compile(r"([PRECL])(\d+)")


def parse_refs(body):
    """Parse '[a,M][b]{2[c][d]}+P0102,mask' into (refs, notes)."""
    refs = []
    notes = []
    i = 0
    n = len(body)

    def ref_of(txt):
        parts = txt.split(",")
        ident = parts[0].lstrip(".!$-&")
        req = parts[1] if len(parts) > 1 else ""
        rep = parts[2] if len(parts) > 2 else ""
        return {"id": ident, "usage": "M" if req == "M" else "O",
                "repeat": (0 if rep == ">1" else int(rep)) if rep else 1}

    while i < n:
        c = body[i]
        if c == "[":
            j = body.index("]", i)
            refs.append(ref_of(body[i + 1:j]))
            i = j + 1
        elif c == "{":
            j = body.index("}", i)
            m = re.match(r"\{(\d+)(.*)\}", body[i:j + 1])
            count = int(m.group(1))
            inner = re.findall(r"\[([^\]]*)\]", m.group(2))
            for _ in range(count):
                for t in inner:
                    refs.append(ref_of(t))
            i = j + 1
        elif c == "+":
            j = i + 1
            while j < n and body[j] != ",":
                j += 1
            notes = ["%s%s" % (r, p) for r, p in NOTE_RE.findall(body[i + 1:j])]
            i = j
        elif c == ",":
            break
        else:
            i += 1
    return refs, notes


def parse_sef_dictionary(path):
    sec = read_sections(path)
    segs, coms, elms, codes = {}, {}, {}, {}
    for line in sec.get(".SEGS", []):
        if "=" not in line:
            continue
        tag, body = line.split("=", 1)
        segs[tag] = parse_refs(body)
    for line in sec.get(".COMS", []):
        if "=" not in line:
            continue
        cid, body = line.split("=", 1)
        coms[cid] = parse_refs(body)
    for line in sec.get(".ELMS", []):
        if "=" not in line:
            continue
        eid, body = line.split("=", 1)
        t, mn, mx = body.split(",")[:3]
        elms[eid] = ("N0" if t == "N" else t, int(mn), int(mx))
    for line in sec.get(".CODES", []):
        if "=" not in line:
            continue
        eid, body = line.split("=", 1)
        body = body.split("%", 1)[0]
        vals, ranges = [], []
        for item in body.split(","):
            if item == "":
                continue
            if ":" in item:
                a, b = item.split(":", 1)
                ranges.append((a, b))
            else:
                vals.append(item)
        codes[eid] = (vals, ranges)
    return {"segs": segs, "coms": coms, "elms": elms, "codes": codes,
            "sets": sec.get(".SETS", [])}


def parse_structure(text, default_ids=True):
    """Parse SEF .SETS notation (optionally with loop ids) into a node list."""
    pos = [0]
    n = len(text)

    def parse_seq(until):
        nodes = []
        while pos[0] < n:
            c = text[pos[0]]
            if c == until:
                pos[0] += 1
                return nodes
            if c == "^":
                pos[0] += 1
            elif c == "+":
                m = re.match(r"\+\d+", text[pos[0]:])
                pos[0] += len(m.group(0))
            elif c == "[":
                j = text.index("]", pos[0])
                parts = text[pos[0] + 1:j].split(",")
                tag = parts[0].lstrip(".!$-&").split("*")[0]
                req = parts[1] if len(parts) > 1 else ""
                mx = parts[2] if len(parts) > 2 else ""
                nodes.append({"kind": "segment", "id": tag,
                              "usage": "M" if req == "M" else "O",
                              "max": "unbounded" if mx == ">1" else int(mx or 1)})
                pos[0] = j + 1
            elif c == "{":
                m = re.match(r"\{([^:\[\]{}]*):(>1|\d+)", text[pos[0]:])
                pos[0] += len(m.group(0))
                loop_id = m.group(1)
                rep = m.group(2)
                children = parse_seq("}")
                trigger = children[0]
                assert trigger["kind"] == "segment", text
                node = {"kind": "loop", "id": loop_id or trigger["id"],
                        "usage": trigger["usage"],
                        "max": "unbounded" if rep == ">1" else int(rep),
                        "children": children}
                trigger["usage"] = "M"
                trigger["max"] = 1
                nodes.append(node)
            else:
                raise ValueError("unexpected %r in structure at %d" % (c, pos[0]))
        return nodes

    nodes = parse_seq(None)
    uniquify_loop_ids(nodes)
    return nodes


def uniquify_loop_ids(nodes):
    seen = Counter()
    for node in nodes:
        if node["kind"] == "loop":
            seen[node["id"]] += 1
            if seen[node["id"]] > 1:
                node["id"] = "%s_%d" % (node["id"], seen[node["id"]])
            uniquify_loop_ids(node["children"])


def structure_from_apimeister(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    tr = data.get("transaction", data)

    def conv(items):
        out = []
        for it in items:
            if "segment_id" in it:
                mx = str(it.get("maximum_use", "1"))
                out.append({"kind": "segment", "id": it["segment_id"],
                            "usage": "M" if it.get("requirement") == "M" else "O",
                            "max": "unbounded" if mx == ">1" else int(mx)})
            else:
                children = conv(it["content"])
                rep = str(it.get("loop_repeat", "1"))
                trig = children[0]
                node = {"kind": "loop", "id": it["loop_identifier"],
                        "usage": trig["usage"],
                        "max": "unbounded" if rep == ">1" else int(rep),
                        "children": children}
                # apimeister marks loop triggers M; the loop's own usage is
                # its 'requirement' when given.
                if it.get("requirement"):
                    node["usage"] = "M" if it["requirement"] == "M" else "O"
                trig["usage"] = "M"
                trig["max"] = 1
                out.append(node)
        return out

    nodes = []
    for part in ("heading", "detail", "summary"):
        nodes.extend(conv(tr.get(part, [])))
    return nodes


def segments_in(nodes, acc=None):
    acc = set() if acc is None else acc
    for node in nodes:
        if node["kind"] == "segment":
            acc.add(node["id"])
        else:
            segments_in(node["children"], acc)
    return acc


def max_to_int(m):
    return 10 ** 9 if m == "unbounded" else m


def cross_check(label, ours, other):
    """Report where a second source's structure differs from ours (by path)."""
    def flat(nodes, prefix, acc):
        for node in nodes:
            key = prefix + node["id"] if node["kind"] == "segment" else prefix + "{" + node["id"]
            acc.append((key, node["usage"], node["max"]))
            if node["kind"] == "loop":
                flat(node["children"][1:], prefix + node["children"][0]["id"] + "/", acc)
        return acc
    a = {k: (u, m) for k, u, m in flat(ours, "", [])}
    b = {k: (u, m) for k, u, m in flat(other, "", [])}
    diffs = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            diffs.append("%s ours=%s other=%s" % (k, a.get(k), b.get(k)))
    return diffs


# ---------------------------------------------------------------------------
# OopFactory 5010 dictionary

OF_NS = "{http://tempuri.org/X12ParserSpecification.xsd}"


def parse_oopfactory_segments(path):
    root = ET.parse(path).getroot()
    qsets_by_name, qsets_by_id = {}, {}
    for q in root.findall(OF_NS + "QualifierSet"):
        vals = [a.get("ID") for a in q.findall(OF_NS + "Allowed")]
        qsets_by_name[q.get("Name")] = (q.get("Id"), vals)
        if q.get("Id"):
            qsets_by_id[q.get("Id")] = vals
    segs = {}
    for s in root.findall(OF_NS + "Segment"):
        els = []
        for e in s.findall(OF_NS + "Element"):
            els.append({"name": e.get("Name"), "ref": e.get("Reference"),
                        "required": e.get("Required") == "true",
                        "type": e.get("Type"), "min": int(e.get("MinLength") or 0),
                        "max": int(e.get("MaxLength") or 0),
                        "qset": e.get("QualifierSetRef")})
        segs[s.get("SegmentId")] = els
    return segs, qsets_by_name, qsets_by_id


def kind_of(t):
    if t in ("N",) or re.match(r"^N\d$", t or ""):
        return "N"
    return t


# ---------------------------------------------------------------------------
# YAML writing (our own small emitter: deterministic, flow maps for entries)

def q(s):
    return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(items):
    return "[" + ", ".join(q(x) for x in items) + "]"


def element_entry(e):
    parts = []
    if e.get("name"):
        parts.append("name: " + q(e["name"]))
    parts.append("type: " + e["type"])
    parts.append("min: %d" % e["min"])
    parts.append("max: %d" % e["max"])
    if e.get("codes"):
        parts.append("codes: " + flow_list(e["codes"]))
    if e.get("ranges"):
        parts.append("code-ranges: [" + ", ".join(
            "[%s, %s]" % (q(a), q(b)) for a, b in e["ranges"]) + "]")
    return "{" + ", ".join(parts) + "}"


def ref_entry(r):
    parts = ["id: " + q(r["id"])]
    if r["usage"] == "M":
        parts.append("usage: M")
    rep = r.get("repeat", 1)
    if rep != 1:
        parts.append("repeat: %s" % ("unbounded" if rep == 0 else rep))
    return "{" + ", ".join(parts) + "}"


def file_header(kind, version, extra_comment=""):
    out = HEADER_TEXT + extra_comment
    out += "format: edi-bridge/schema-v1\nkind: %s\nstandard: x12\nversion: %s\n" % (
        kind, q(version))
    return out


def write_dictionary(path, version, elements, composites, segments, base=None,
                     extra_comment=""):
    lines = [file_header("dictionary", version, extra_comment)]
    if base:
        lines.append("base: %s\n" % base)
    if elements:
        lines.append("elements:\n")
        for eid in sorted(elements, key=sort_key):
            lines.append("  %s: %s\n" % (q(eid), element_entry(elements[eid])))
    if composites:
        lines.append("composites:\n")
        for cid in sorted(composites):
            c = composites[cid]
            lines.append("  %s:\n" % q(cid))
            if c.get("name"):
                lines.append("    name: %s\n" % q(c["name"]))
            lines.append("    components:\n")
            for r in c["refs"]:
                lines.append("      - %s\n" % ref_entry(r))
            if c.get("notes"):
                lines.append("    notes: %s\n" % flow_list(c["notes"]))
    if segments:
        lines.append("segments:\n")
        for tag in sorted(segments):
            s = segments[tag]
            lines.append("  %s:\n" % q(tag))
            if s.get("name"):
                lines.append("    name: %s\n" % q(s["name"]))
            lines.append("    elements:\n")
            for r in s["refs"]:
                lines.append("      - %s\n" % ref_entry(r))
            if s.get("notes"):
                lines.append("    notes: %s\n" % flow_list(s["notes"]))
    write(path, "".join(lines))


def sort_key(eid):
    m = re.match(r"^([A-Z]*)(\d+)$", eid)
    if m:
        return (m.group(1), int(m.group(2)), eid)
    return (eid, 0, eid)


def structure_lines(nodes, indent, hier):
    out = []
    pad = " " * indent
    for node in nodes:
        if node["kind"] == "segment":
            parts = ["segment: " + q(node["id"])]
            if node["usage"] == "M":
                parts.append("usage: M")
            if node["max"] != 1:
                parts.append("max: %s" % node["max"])
            out.append("%s- {%s}\n" % (pad, ", ".join(parts)))
        else:
            out.append("%s- loop: %s\n" % (pad, q(node["id"])))
            if node["usage"] == "M":
                out.append("%s  usage: M\n" % pad)
            out.append("%s  max: %s\n" % (pad, node["max"]))
            if hier and node["id"] == hier:
                out.append("%s  hierarchical: true\n" % pad)
            out.append("%s  segments:\n" % pad)
            out.extend(structure_lines(node["children"], indent + 4, hier))
    return out


def write_transaction(path, version, set_id, nodes, comment=""):
    name, fg = SET_INFO[set_id]
    text = file_header("transaction", version, comment)
    text += "id: %s\nname: %s\nfunctional-group: %s\nsegments:\n" % (
        q(set_id), q(name), fg)
    text += "".join(structure_lines(nodes, 2, HIERARCHICAL_LOOPS.get(set_id)))
    write(path, text)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# ---------------------------------------------------------------------------
# Element names

def load_pyx12_names(path):
    names = {}
    if not os.path.exists(path):
        return names
    root = ET.parse(path).getroot()
    for d in root.iter():
        if d.tag.endswith("data_ele") and d.get("ele_num"):
            names[d.get("ele_num")] = d.get("name")
    return names


def build_element_names(sef, of_segs, of_qsets_by_name, pyx12_names):
    votes = {}
    for tag, (refs, _) in sef["segs"].items():
        of = of_segs.get(tag)
        if not of:
            continue
        for i, r in enumerate(refs):
            if i >= len(of) or r["id"] not in sef["elms"]:
                continue
            e = of[i]
            t = sef["elms"][r["id"]][0]
            if e["qset"] and e["qset"] in of_qsets_by_name:
                qid = of_qsets_by_name[e["qset"]][0]
                if qid == r["id"]:
                    votes.setdefault(r["id"], Counter())[e["name"]] += 5
                continue
            if kind_of(e["type"]) == kind_of(t):
                votes.setdefault(r["id"], Counter())[e["name"]] += 1
            elif not (e["type"] == "AN" and e["max"] == 0):
                # Last resort: the name at the same position, other type.
                votes.setdefault(r["id"], Counter())[e["name"]] += 0.01
    names = {}
    for eid, c in votes.items():
        names[eid] = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    # ID elements: the qualifier set carries the element number and name.
    for qname, (qid, _) in of_qsets_by_name.items():
        if qid and qid in sef["elms"] and qid not in names:
            names[qid] = qname
    for eid, nm in pyx12_names.items():
        if eid in sef["elms"] and nm:
            names[eid] = nm
    names.update(FALLBACK_ELEMENT_NAMES)
    return names


# ---------------------------------------------------------------------------

def build_004010(ref, out):
    sefdir = os.path.join(ref, "x12", "004010", "eidx-sef")
    sef = parse_sef_dictionary(os.path.join(sefdir, SEF_DICTIONARY))
    # Check the other SEF files carry the same dictionary.
    for fn in sorted(set(SEF_FILES.values())):
        other = parse_sef_dictionary(os.path.join(sefdir, fn))
        for tag, v in sef["segs"].items():
            if other["segs"].get(tag) != v:
                warn("SEF %s: segment %s differs from %s" % (fn, tag, SEF_DICTIONARY))
        for eid, v in sef["elms"].items():
            if other["elms"].get(eid) != v:
                warn("SEF %s: element %s differs" % (fn, eid))

    structures = {}
    for set_id in SETS_004010:
        if set_id in SEF_FILES:
            sec = read_sections(os.path.join(sefdir, SEF_FILES[set_id]))
            line = [l for l in sec[".SETS"] if l.startswith(set_id + "=")][0]
            structures[set_id] = parse_structure(line.split("=", 1)[1])
        elif set_id == "940":
            structures[set_id] = structure_from_apimeister(
                os.path.join(ref, "x12", "004010", "apimeister", "004010_940_schema.json"))
        else:
            structures[set_id] = parse_structure(STRUCTURES[("004010", set_id)])

    used_segs = set()
    for nodes in structures.values():
        used_segs |= segments_in(nodes)
    missing = sorted(s for s in used_segs if s not in sef["segs"])
    if missing:
        raise SystemExit("segments missing from the SEF dictionary: %s" % missing)

    of_segs, of_qn, of_qi = parse_oopfactory_segments(
        os.path.join(ref, "x12", "005010", "oopfactory", "Ansi-5010Specification.xml"))
    of4_segs, of4_qn, _ = parse_oopfactory_segments(
        os.path.join(ref, "x12", "004010", "oopfactory", "Ansi-4010Specification.xml"))
    pyx = load_pyx12_names(os.path.join(ref, "x12", "LICENSES-and-schemas", "pyx12", "dataele.xml"))
    names = build_element_names(sef, of4_segs, of4_qn, {})
    names.update(build_element_names(sef, of_segs, of_qn, pyx))

    segments, composites, elements = {}, {}, {}
    for tag in sorted(used_segs):
        refs, notes = sef["segs"][tag]
        segments[tag] = {"name": SEGMENT_NAMES.get(tag), "refs": refs, "notes": notes}
        if tag not in SEGMENT_NAMES:
            warn("no name for segment %s" % tag)
        for r in refs:
            if r["id"] in sef["coms"]:
                crefs, cnotes = sef["coms"][r["id"]]
                composites[r["id"]] = {"name": COMPOSITE_NAMES.get(r["id"]),
                                       "refs": crefs, "notes": cnotes}
                if r["id"] not in COMPOSITE_NAMES:
                    warn("no name for composite %s" % r["id"])
    for c in composites.values():
        for r in c["refs"]:
            elements[r["id"]] = None
    for s in segments.values():
        for r in s["refs"]:
            if r["id"] not in composites:
                elements[r["id"]] = None
    for eid in list(elements):
        t, mn, mx = sef["elms"][eid]
        e = {"name": names.get(eid), "type": t, "min": mn, "max": mx}
        if eid in sef["codes"] and t == "ID":
            vals, ranges = sef["codes"][eid]
            e["codes"] = vals
            e["ranges"] = ranges
        if not e["name"]:
            warn("no name for element %s" % eid)
        elements[eid] = e

    write_dictionary(os.path.join(out, "x12", "004010", "dictionary.yaml"), "004010",
                     elements, composites, segments)
    for set_id in SETS_004010:
        write_transaction(os.path.join(out, "x12", "004010", set_id + ".yaml"),
                          "004010", set_id, structures[set_id])
    return sef, structures, elements, composites, segments, names


# ---------------------------------------------------------------------------

def covered(code, vals, ranges):
    if code in vals:
        return True
    for a, b in ranges:
        if len(a) == len(code) == len(b) and a <= code <= b:
            return True
    return False


def parse_staedi_999(path):
    ns = "{http://xlate.io/EDISchema/v3}"
    root = ET.parse(path).getroot()
    etypes = {}
    for e in root.findall(ns + "elementType"):
        etypes[e.get("name")] = e
    comps = {}
    for c in root.findall(ns + "compositeType"):
        refs = []
        for e in c.find(ns + "sequence"):
            refs.append({"id": e.get("type")[2:].lstrip("0"),
                         "usage": "M" if e.get("minOccurs") == "1" else "O", "repeat": 1})
        comps[c.get("name")] = refs
    segs = {}
    for s in root.findall(ns + "segmentType"):
        refs = []
        for e in s.find(ns + "sequence"):
            t = e.get("type")
            ident = t[2:].lstrip("0") if t.startswith("DE") else t
            refs.append({"id": ident, "usage": "M" if e.get("minOccurs") == "1" else "O",
                         "repeat": int(e.get("maxOccurs", "1"))})
        segs[s.get("name")] = refs
    return etypes, comps, segs


def build_005010(ref, out, d4):
    sef, _, el4, com4, seg4, names4 = d4
    of_segs, of_qn, of_qi = parse_oopfactory_segments(
        os.path.join(ref, "x12", "005010", "oopfactory", "Ansi-5010Specification.xml"))
    st_etypes, st_comps, st_segs = parse_staedi_999(
        os.path.join(ref, "x12", "005010", "staedi", "EDISchema999.xml"))

    structures = {s: parse_structure(STRUCTURES[("005010", s)]) for s in SETS_005010}
    used = set()
    for nodes in structures.values():
        used |= segments_in(nodes)

    name_to_id = {}
    for eid, nm in names4.items():
        name_to_id.setdefault(nm, eid)
    pyx = load_pyx12_names(os.path.join(ref, "x12", "LICENSES-and-schemas", "pyx12", "dataele.xml"))
    for eid, nm in sorted(pyx.items()):
        name_to_id.setdefault(nm, eid)

    seg_over, comp_over, elem_over = {}, {}, {}
    elem_src = {}  # element id -> OopFactory element entry (for types)

    # Composites new or changed in 005010 (999 context; C030 gains 1686).
    for cid, refs in sorted(st_comps.items()):
        base = sef["coms"].get(cid)
        if base is None or [r["id"] for r in base[0]] != [r["id"] for r in refs]:
            comp_over[cid] = {"name": COMPOSITE_NAMES.get(cid), "refs": refs,
                              "notes": base[1] if base else []}
    all_coms = dict((k, v[0]) for k, v in sef["coms"].items())
    all_coms.update({k: v["refs"] for k, v in comp_over.items()})
    comp_name_to_id = {v: k for k, v in COMPOSITE_NAMES.items()}

    for tag in sorted(used):
        of = of_segs.get(tag)
        base = sef["segs"].get(tag)
        if tag in st_segs and (base is None or tag in ("IK3", "IK4", "IK5", "CTX")):
            refs = [dict(r) for r in st_segs[tag]]
            # Usage from the X12 999 tables where StAEDI leaves it open.
            seg_over[tag] = {"name": SEGMENT_NAMES.get(tag), "refs": refs, "notes": []}
            for i, r in enumerate(refs):
                if of and i < len(of) and r["id"] not in all_coms:
                    elem_src.setdefault(r["id"], of[i])
            continue
        if of is None:
            warn("005010: no OopFactory definition for %s; 004010 layout kept" % tag)
            continue
        brefs, bnotes = base
        refs = []
        changed = False
        for i, e in enumerate(of):
            if i < len(brefs):
                r = dict(brefs[i])
                if r["id"] in all_coms:
                    refs.append(r)
                    continue
                qid = of_qn.get(e["qset"], (None,))[0] if e["qset"] else None
                if qid and qid != r["id"]:
                    # Same position, a different element in 005010.
                    r = {"id": qid, "usage": "M" if e["required"] else r["usage"], "repeat": 1}
                    changed = True
                refs.append(r)
                # A flattened composite (AN 0..0) says nothing about the element.
                if not (e["type"] == "AN" and e["max"] == 0):
                    elem_src.setdefault(r["id"], e)
            else:
                if e["type"] == "AN" and e["min"] == 0 and e["max"] == 0:
                    nid = comp_name_to_id.get(e["name"])
                else:
                    nid = (of_qn.get(e["qset"], (None,))[0] if e["qset"] else None) \
                        or name_to_id.get(e["name"])
                if not nid:
                    warn("005010: %s%02d %r has no known element number; segment "
                         "truncated there" % (tag, i + 1, e["name"]))
                    break
                refs.append({"id": nid, "usage": "M" if e["required"] else "O", "repeat": 1})
                if nid not in all_coms:
                    elem_src.setdefault(nid, e)
                changed = True
        if len(of) < len(brefs):
            changed = True
        # A segment no 004010 set uses is not in the 004010 dictionary we
        # write, so 005010 must define it even when its layout is unchanged.
        if changed or tag not in seg4:
            # Notes carry over only while the 004010 positions are unchanged.
            keep = [r["id"] for r in refs[:len(brefs)]] == [r["id"] for r in brefs[:len(refs)]]
            notes = [n for n in bnotes if keep and all(
                int(n[k:k + 2]) <= len(refs) for k in range(1, len(n), 2))]
            seg_over[tag] = {"name": SEGMENT_NAMES.get(tag), "refs": refs, "notes": notes}

    # Composites of those segments that the 004010 dictionary does not define.
    for tag in used:
        refs = seg_over[tag]["refs"] if tag in seg_over else sef["segs"][tag][0]
        for r in refs:
            cid = r["id"]
            if cid in all_coms and cid not in com4 and cid not in comp_over and cid in sef["coms"]:
                comp_over[cid] = {"name": COMPOSITE_NAMES.get(cid), "refs": sef["coms"][cid][0],
                                  "notes": sef["coms"][cid][1]}

    # Elements used by 005010 segments: compare with 004010.
    used_elems = set()
    for tag in used:
        refs = seg_over[tag]["refs"] if tag in seg_over else sef["segs"][tag][0]
        for r in refs:
            if r["id"] in all_coms:
                used_elems.update(x["id"] for x in all_coms[r["id"]])
            else:
                used_elems.add(r["id"])
    for eid in sorted(used_elems, key=sort_key):
        src = elem_src.get(eid)
        base = el4.get(eid)
        if base is None and eid in sef["elms"]:
            t, mn, mx = sef["elms"][eid]
            base = {"name": names4.get(eid), "type": t, "min": mn, "max": mx}
            if eid in sef["codes"] and t == "ID":
                base["codes"], base["ranges"] = sef["codes"][eid]
        if src is None:
            if base is None:
                st = st_etypes.get("DE%04d" % int(eid)) if eid.isdigit() else None
                if st is None:
                    warn("005010: element %s has no definition" % eid)
                    continue
                t = {"string": "AN", "identifier": "ID", "decimal": "N0",
                     "numeric": "N0"}.get(st.get("base"), "AN")
                elem_over[eid] = {"name": None, "type": t,
                                  "min": int(st.get("minLength") or 1),
                                  "max": int(st.get("maxLength") or 1)}
            elif eid not in el4:
                elem_over[eid] = base
            continue
        t5 = src["type"]
        if base is not None and kind_of(t5) == kind_of(base["type"]):
            t5 = base["type"]  # OopFactory writes N for N0..N9
        elif t5 == "N":
            t5 = "N0"
        new = {"name": (el4[eid]["name"] if eid in el4 else None) or src["name"], "type": t5,
               "min": src["min"], "max": src["max"]}
        if t5 == "N":
            t5 = "N0"
        if t5 == "ID":
            qs = of_qi.get(eid)
            if qs:
                new["codes"] = qs
            elif base is not None:
                new["codes"], new["ranges"] = base.get("codes", []), base.get("ranges", [])
        if base is None or eid not in el4:
            # Not in the 004010 dictionary we write: define it here.
            if t5 == "ID" and not new.get("codes") and base is not None:
                new["codes"], new["ranges"] = base.get("codes", []), base.get("ranges", [])
            elem_over[eid] = new
            continue
        differs = (new["type"] != base["type"] or new["min"] != base["min"]
                   or new["max"] != base["max"])
        if t5 == "ID" and "codes" in new and base.get("type") == "ID":
            bvals, branges = base.get("codes", []), base.get("ranges", [])
            if new.get("ranges") is None and (
                    any(not covered(c, bvals, branges) for c in new["codes"])
                    or any(c not in new["codes"] for c in bvals)):
                differs = True
            elif not differs:
                new["codes"], new["ranges"] = bvals, branges
        if differs:
            if t5 == "ID" and not new.get("codes") and base.get("codes"):
                new["codes"], new["ranges"] = base["codes"], base.get("ranges", [])
            elem_over[eid] = new
    for eid, e in elem_over.items():
        if not e.get("name"):
            e["name"] = names4.get(eid) or pyx.get(eid) or (elem_src.get(eid) or {}).get("name")

    comment = (
        "# 005010 relational conditions (notes) are those of 004010: no collected\n"
        "# 005010 source carries them. They are kept where a segment's 004010\n"
        "# positions are unchanged; segments new in 005010 (IK3, IK4, IK5, CTX) have none.\n")
    write_dictionary(os.path.join(out, "x12", "005010", "dictionary.yaml"), "005010",
                     elem_over, comp_over, seg_over, base="../004010/dictionary.yaml",
                     extra_comment=comment)
    for set_id in SETS_005010:
        write_transaction(os.path.join(out, "x12", "005010", set_id + ".yaml"),
                          "005010", set_id, structures[set_id])


# ---------------------------------------------------------------------------

def build_control(ref, out):
    oboe = os.path.join(ref, "x12", "envelope", "oboe")
    text = open(os.path.join(oboe, "x12.envelope.xml"), encoding="utf-8").read()
    root = ET.fromstring(re.sub(r'\sxmlns(:\w+)?="[^"]*"', "", text, count=0))
    seg = [s for s in root.iter("segment") if s.get("id") == "TA1"][0]
    elements, refs = {}, []
    for de in seg.findall("dataElement"):
        eid = de.get("id")
        e = {"name": de.get("name"), "type": de.get("type"),
             "min": int(de.get("minLength")), "max": int(de.get("maxLength"))}
        idl = de.find("idListFile")
        if idl is not None:
            lt = open(os.path.join(oboe, idl.get("fileName")), encoding="utf-8").read()
            e["codes"] = [c.strip() for c in re.findall(r"<idCode>\s*([^<\s]+)", lt)]
        elements[eid] = e
        refs.append({"id": eid, "usage": "M" if de.get("required") == "M" else "O",
                     "repeat": 1})
    write_dictionary(os.path.join(out, "x12", "control", "dictionary.yaml"), "control",
                     elements, {}, {"TA1": {"name": SEGMENT_NAMES["TA1"], "refs": refs,
                                            "notes": []}})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reference", help="the reference data directory (holds x12/)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
                    help="the schemas directory to write (default: this tool's parent)")
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    d4 = build_004010(args.reference, out)
    build_005010(args.reference, out, d4)
    build_control(args.reference, out)


if __name__ == "__main__":
    main()
