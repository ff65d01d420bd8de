"""What the data libraries do not say about country names: short forms, capitals, and
phrases that contain a country's name without naming the country.

CLDR (through babel) gives each country's name in each language and pycountry its
official and ISO names; releases also write "the US", "UK", "Holland", "DRC", and they use
capitals for the governments seated there ("Moscow said", "talks in Belgrade and
Pristina"). Each table is keyed by language; ``"*"`` holds forms written alike in every
language. Brussels is left out on purpose: in releases it stands for the EU and NATO, not
for Belgium; Jerusalem too, whose status releases themselves dispute.
"""

from __future__ import annotations

# fmt: off
SHORT_FORMS: dict[str, dict[str, list[str]]] = {
    "*": {
        "US": ["USA", "U.S.A.", "U.S."],
        "GB": ["UK", "U.K."],
        "AE": ["UAE"],
        "KP": ["DPRK"],
        "KR": ["ROK"],
        "CN": ["PRC"],
        "VA": ["Vatican"],
    },
    "en": {
        "US": ["US", "United States of America", "America"],
        "GB": ["Britain", "Great Britain"],
        "NL": ["Holland", "The Netherlands"],
        "CZ": ["Czech Republic"],
        "TR": ["Turkey"],
        "CD": [
            "DRC", "DR Congo", "Democratic Republic of the Congo", "Democratic Republic of Congo",
        ],
        "CG": ["Republic of the Congo", "Congo-Brazzaville"],
        "AE": ["the Emirates", "The Emirates"],
        "KR": ["Republic of Korea"],
        "KP": ["Democratic People's Republic of Korea"],
        "MK": ["Macedonia", "Former Yugoslav Republic of Macedonia"],
        "MM": ["Burma"],
        "CI": ["Ivory Coast"],
        "CV": ["Cape Verde"],
        "SZ": ["Swaziland"],
        "PS": ["Palestine", "State of Palestine", "occupied Palestinian territory"],
        "VA": ["Holy See"],
        "BA": ["Bosnia", "Bosnia-Herzegovina"],
        "HK": ["Hong Kong"],
        "MO": ["Macau", "Macao"],
        "TL": ["East Timor"],
        "KN": ["Saint Kitts and Nevis", "St Kitts and Nevis"],
        "BY": ["Byelorussia"],
    },
    "de": {
        "US": ["US", "Vereinigten Staaten von Amerika"],
        "GB": ["Grossbritannien", "Großbritannien", "Britannien"],
        "NL": ["Holland"],
        "CZ": ["Tschechische Republik"],
        "CD": ["DR Kongo", "Demokratische Republik Kongo"],
        "CG": ["Republik Kongo"],
        "AE": ["VAE"],
        "KR": ["Republik Korea"],
        "KP": ["Demokratische Volksrepublik Korea"],
        "MK": ["Mazedonien"],
        "MM": ["Burma", "Birma"],
        "CI": ["Elfenbeinküste"],
        "BY": ["Weissrussland", "Weißrussland"],
        "PS": [
            "Palästina", "Besetzten Palästinensischen Gebiet", "Besetztes Palästinensisches Gebiet",
        ],
        "VA": ["Heiliger Stuhl", "Heiligen Stuhl", "Heiligen Stuhls"],
        "BA": ["Bosnien"],
        "HK": ["Hongkong"],
    },
    "fr": {
        "US": ["Etats-Unis d'Amérique", "États-Unis d'Amérique", "Amérique"],
        "GB": ["Grande-Bretagne"],
        "NL": ["Hollande"],
        "CZ": ["République tchèque"],
        "CD": ["RDC", "République démocratique du Congo"],
        "CG": ["République du Congo"],
        "AE": ["EAU"],
        "KR": ["République de Corée"],
        "KP": ["République populaire démocratique de Corée"],
        "MK": ["Macédoine", "ex-République yougoslave de Macédoine"],
        "MM": ["Birmanie"],
        "BY": ["Biélorussie"],
        "PS": ["Palestine", "Territoire palestinien occupé"],
        "VA": ["Saint-Siège"],
        "BA": ["Bosnie"],
        "HK": ["Hong Kong"],
    },
    "it": {
        "US": ["USA", "America"],
        "GB": ["Gran Bretagna"],
        "NL": ["Olanda"],
        "CZ": ["Repubblica Ceca"],
        "CD": ["RDC", "Repubblica Democratica del Congo"],
        "CG": ["Repubblica del Congo"],
        "KR": ["Repubblica di Corea"],
        "KP": ["Repubblica Popolare Democratica di Corea"],
        "MK": ["Macedonia", "ex Repubblica jugoslava di Macedonia"],
        "MM": ["Birmania"],
        "BY": ["Bielorussia"],
        "PS": ["Palestina", "Territorio palestinese occupato"],
        "VA": ["Santa Sede"],
        "BA": ["Bosnia"],
        "HK": ["Hong Kong"],
    },
}

# The capital, or the seat of government where releases name that instead (Delhi).
CAPITALS: dict[str, dict[str, list[str]]] = {
    "*": {
        "AE": ["Abu Dhabi"], "AF": ["Kabul"], "AL": ["Tirana"], "AM": ["Yerevan"],
        "AO": ["Luanda"], "AR": ["Buenos Aires"], "AT": ["Vienna"], "AU": ["Canberra"],
        "AZ": ["Baku"], "BA": ["Sarajevo"], "BD": ["Dhaka"], "BF": ["Ouagadougou"],
        "BG": ["Sofia"], "BR": ["Brasília"], "BY": ["Minsk"], "CA": ["Ottawa"],
        "CD": ["Kinshasa"], "CF": ["Bangui"], "CG": ["Brazzaville"], "CH": ["Bern"],
        "CM": ["Yaoundé"], "CN": ["Beijing"], "CO": ["Bogotá"], "CU": ["Havana"], "CZ": ["Prague"],
        "DE": ["Berlin"], "DK": ["Copenhagen"], "DZ": ["Algiers"], "EC": ["Quito"],
        "EE": ["Tallinn"], "EG": ["Cairo"], "ER": ["Asmara"], "ES": ["Madrid"],
        "ET": ["Addis Ababa"], "FI": ["Helsinki"], "FR": ["Paris"], "GB": ["London"],
        "GE": ["Tbilisi"], "GH": ["Accra"], "GR": ["Athens"], "HR": ["Zagreb"],
        "HT": ["Port-au-Prince"], "HU": ["Budapest"], "ID": ["Jakarta"], "IE": ["Dublin"],
        "IN": ["New Delhi", "Delhi"], "IQ": ["Baghdad"], "IR": ["Tehran"], "IT": ["Rome"],
        "JO": ["Amman"], "JP": ["Tokyo"], "KE": ["Nairobi"], "KG": ["Bishkek"],
        "KH": ["Phnom Penh"], "KP": ["Pyongyang"], "KR": ["Seoul"], "KW": ["Kuwait City"],
        "KZ": ["Astana", "Nur-Sultan"], "LA": ["Vientiane"], "LB": ["Beirut"],
        "LT": ["Vilnius"], "LV": ["Riga"], "LY": ["Tripoli"], "MA": ["Rabat"],
        "MD": ["Chisinau", "Chișinău"], "ME": ["Podgorica"], "MK": ["Skopje"], "ML": ["Bamako"],
        "MM": ["Naypyidaw"], "MN": ["Ulaanbaatar", "Ulan Bator"], "MX": ["Mexico City"],
        "MY": ["Kuala Lumpur"], "MZ": ["Maputo"], "NE": ["Niamey"], "NG": ["Abuja"],
        "NI": ["Managua"], "NO": ["Oslo"], "NP": ["Kathmandu"], "NZ": ["Wellington"],
        "OM": ["Muscat"], "PE": ["Lima"], "PH": ["Manila"], "PK": ["Islamabad"],
        "PL": ["Warsaw"], "PT": ["Lisbon"], "QA": ["Doha"], "RO": ["Bucharest"],
        "RS": ["Belgrade"], "RU": ["Moscow"], "RW": ["Kigali"], "SA": ["Riyadh"],
        "SD": ["Khartoum"], "SE": ["Stockholm"], "SI": ["Ljubljana"], "SK": ["Bratislava"],
        "SN": ["Dakar"], "SO": ["Mogadishu"], "SS": ["Juba"], "SY": ["Damascus"],
        "TD": ["N'Djamena"], "TH": ["Bangkok"], "TJ": ["Dushanbe"], "TM": ["Ashgabat"],
        "TN": ["Tunis"], "TR": ["Ankara"], "TZ": ["Dodoma"], "UA": ["Kyiv", "Kiev"],
        "UG": ["Kampala"], "US": ["Washington"], "UZ": ["Tashkent"], "VE": ["Caracas"],
        "VN": ["Hanoi"], "XK": ["Pristina", "Priština", "Prishtina", "Prishtinë"],
        "YE": ["Sanaa", "Sana'a"], "ZA": ["Pretoria"], "ZW": ["Harare"],
        "BO": ["La Paz"], "BJ": ["Porto-Novo"], "SG": ["Singapore"],
    },
    "de": {
        "AM": ["Eriwan", "Jerewan"], "AT": ["Wien"], "BR": ["Brasilia"], "CN": ["Peking"],
        "CU": ["Havanna"], "CZ": ["Prag"], "DK": ["Kopenhagen"], "DZ": ["Algier"],
        "EG": ["Kairo"], "ET": ["Addis Abeba"], "GE": ["Tiflis"], "GR": ["Athen"],
        "IN": ["Neu-Delhi"], "IR": ["Teheran"], "IT": ["Rom"], "KG": ["Bischkek"],
        "KP": ["Pjöngjang"], "LY": ["Tripolis"], "MD": ["Kischinau"], "MX": ["Mexiko-Stadt"],
        "PL": ["Warschau"], "PT": ["Lissabon"], "RO": ["Bukarest"], "RS": ["Belgrad"],
        "RU": ["Moskau"], "SA": ["Riad"], "SD": ["Khartum"], "SO": ["Mogadischu"],
        "SY": ["Damaskus"], "TJ": ["Duschanbe"], "TM": ["Aschgabat"], "UA": ["Kiew", "Kyjiw"],
        "UZ": ["Taschkent"],
    },
    "fr": {
        "AM": ["Erevan"], "AT": ["Vienne"], "AZ": ["Bakou"], "BR": ["Brasilia"],
        "CN": ["Pékin", "Beijing"], "CU": ["La Havane"], "CH": ["Berne"], "DK": ["Copenhague"],
        "DZ": ["Alger"], "EG": ["Caire"], "ET": ["Addis-Abeba"], "GB": ["Londres"],
        "GE": ["Tbilissi"], "GR": ["Athènes"], "IR": ["Téhéran"], "KG": ["Bichkek"],
        "KH": ["Phnom Penh"], "KP": ["Pyongyang"], "KR": ["Séoul"], "LB": ["Beyrouth"],
        "MN": ["Oulan-Bator"], "MX": ["Mexico"], "PL": ["Varsovie"], "PT": ["Lisbonne"],
        "RO": ["Bucarest"], "RU": ["Moscou"], "SA": ["Riyad"], "SY": ["Damas"],
        "TJ": ["Douchanbé"], "TM": ["Achgabat"], "UZ": ["Tachkent"], "IT": ["Rome"],
        "AF": ["Kaboul"], "SD": ["Khartoum"],
    },
    "it": {
        "AT": ["Vienna"], "BR": ["Brasilia"], "CH": ["Berna"], "CN": ["Pechino"],
        "CU": ["L'Avana", "Avana"], "DK": ["Copenaghen"], "DZ": ["Algeri"], "EG": ["Cairo"],
        "GB": ["Londra"], "GR": ["Atene"], "IN": ["Nuova Delhi"], "IR": ["Teheran"],
        "IT": ["Roma"], "LB": ["Beirut"], "MX": ["Città del Messico"], "PL": ["Varsavia"],
        "PT": ["Lisbona"], "RO": ["Bucarest"], "RS": ["Belgrado"], "RU": ["Mosca"],
        "SI": ["Lubiana"], "HR": ["Zagabria"], "SO": ["Mogadiscio"], "SY": ["Damasco"],
        "TN": ["Tunisi"], "UA": ["Kiev"], "CY": ["Nicosia"], "FR": ["Parigi"],
        "DE": ["Berlino"], "ES": ["Madrid"],
    },
}

# Phrases that hold a country's name, or a capital's, and do not name the country: a US
# state, a region or sea, a newspaper. The longest phrase found wins, so "New Mexico" is
# read before "Mexico" could be.
NOT_COUNTRIES: dict[str, list[str]] = {
    "*": [
        "New Mexico", "New Jersey", "New South Wales", "Northern Ireland",
        "South China Sea", "East China Sea", "Gulf of Thailand", "Gulf of Mexico",
        "Sea of Japan", "Niger Delta", "Washington Post", "Washington Times",
        "Washington State", "Washington state", "State of Washington", "state of Washington",
        "state of Georgia", "State of Georgia", "University of Georgia", "Georgia Tech",
        "Latin America", "South America", "North America", "Central America",
        "American Samoa", "Paris Hilton", "Jordan Valley",
    ],
    "de": ["Lateinamerika", "Südamerika", "Nordamerika", "Mittelamerika", "Nordirland"],
    "fr": ["Amérique latine", "Amérique du Sud", "Amérique du Nord", "Amérique centrale",
           "Irlande du Nord", "Nouveau-Mexique"],
    "it": ["America latina", "America Latina", "America del Sud", "America del Nord",
           "America centrale", "Irlanda del Nord", "Nuovo Messico"],
}

# CLDR names that are also common words or names in their own language, or that do not say
# which country they mean: left out of the matcher of that language.
AMBIGUOUS: dict[str, set[str]] = {
    "*": {"Congo", "Kongo", "Korea", "Corée", "Corea"},
    "fr": {"Réunion", "Maurice", "Salvador"},
    "it": {"Man"},
}
# fmt: on
