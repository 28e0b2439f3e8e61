"""Demo areas: invented figures on plausible neighbourhoods around the two demo programmes."""

from __future__ import annotations

import random
from dataclasses import dataclass

from assetlink.accounts.models import User
from assetlink.places.models import Area
from assetlink.places.services import save_area, save_postcode
from assetlink.programmes.models import Programme

SOURCE = "assetlink demo data (invented figures)"
# Deprivation deciles around the hospital skew to the most deprived tenths, as in the real neighbourhoods.
SKEWED_DECILES = (1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9)


@dataclass(frozen=True)
class DemoNeighbourhood:
    name: str
    latitude: float
    longitude: float
    postcode_districts: tuple[str, ...]
    cells: int


BIRMINGHAM_NEIGHBOURHOODS = (
    DemoNeighbourhood("Smethwick", 52.4946, -1.9686, ("B66",), 8),
    DemoNeighbourhood("Soho and Victoria", 52.4990, -1.9480, ("B18",), 6),
    DemoNeighbourhood("Winson Green", 52.4930, -1.9330, ("B18",), 5),
    DemoNeighbourhood("Handsworth", 52.5130, -1.9380, ("B21",), 7),
    DemoNeighbourhood("Lozells", 52.5060, -1.9070, ("B19",), 5),
    DemoNeighbourhood("Ladywood", 52.4800, -1.9200, ("B16",), 6),
    DemoNeighbourhood("Oldbury", 52.5040, -2.0160, ("B68", "B69"), 6),
    DemoNeighbourhood("West Bromwich", 52.5190, -1.9950, ("B70",), 7),
    DemoNeighbourhood("Bearwood", 52.4760, -1.9670, ("B67",), 4),
    DemoNeighbourhood("Harborne", 52.4590, -1.9530, ("B17",), 4),
)
BILBAO_NEIGHBOURHOODS = (
    DemoNeighbourhood("Deusto", 43.2710, -2.9480, ("48014",), 3),
    DemoNeighbourhood("Uribarri", 43.2720, -2.9230, ("48006", "48007"), 3),
    DemoNeighbourhood("Otxarkoaga-Txurdinaga", 43.2640, -2.9050, ("48004",), 3),
    DemoNeighbourhood("Begoña", 43.2600, -2.9150, ("48004", "48005"), 3),
    DemoNeighbourhood("Ibaiondo", 43.2520, -2.9210, ("48003", "48005"), 4),
    DemoNeighbourhood("Abando", 43.2630, -2.9350, ("48001", "48008", "48009"), 3),
    DemoNeighbourhood("Errekalde", 43.2530, -2.9470, ("48002",), 3),
    DemoNeighbourhood("Basurto-Zorroza", 43.2600, -2.9650, ("48013", "48015"), 3),
)
CELL = 0.006  # degrees: a demo area is a small square about 500 m across


def _square(latitude: float, longitude: float) -> dict[str, object]:
    half = CELL / 2
    ring = [
        [round(longitude - half, 6), round(latitude - half, 6)],
        [round(longitude + half, 6), round(latitude - half, 6)],
        [round(longitude + half, 6), round(latitude + half, 6)],
        [round(longitude - half, 6), round(latitude + half, 6)],
        [round(longitude - half, 6), round(latitude - half, 6)],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def build_demo_areas(*, admin: User, programme: Programme, rng: random.Random) -> list[Area]:
    """Areas in a small grid around each neighbourhood's centre, with postcode sectors pointing at them."""
    is_bilbao = programme.country == "ES"
    neighbourhoods = BILBAO_NEIGHBOURHOODS if is_bilbao else BIRMINGHAM_NEIGHBOURHOODS
    if Area.objects.filter(programme=programme, is_demo=True).exists():
        return list(Area.objects.filter(programme=programme, is_demo=True))
    areas = []
    number = 0
    for neighbourhood in neighbourhoods:
        for cell in range(neighbourhood.cells):
            number += 1
            row, column = divmod(cell, 3)
            latitude = neighbourhood.latitude + (row - 1) * CELL
            longitude = neighbourhood.longitude + (column - 1) * CELL * 1.6
            decile = (
                rng.choice(SKEWED_DECILES) if not is_bilbao else rng.choice((1, 2, 2, 3, 4, 5, 6, 7, 8, 9))
            )
            area = save_area(
                actor=admin,
                programme=programme,
                code=f"{'ES' if is_bilbao else 'E'}DEMO{number:04d}",
                name=f"{neighbourhood.name} {cell + 1}",
                population=rng.randrange(1300, 2200) if not is_bilbao else rng.randrange(4000, 9000),
                deprivation_rank=None if is_bilbao else max(1, (decile - 1) * 3284 + rng.randrange(1, 3284)),
                deprivation_decile=decile,
                geometry=_square(latitude, longitude),
                source=SOURCE,
                is_demo=True,
            )
            areas.append(area)
            district = neighbourhood.postcode_districts[cell % len(neighbourhood.postcode_districts)]
            sector = district if is_bilbao else f"{district} {cell + 1}"
            if not is_bilbao or cell < len(neighbourhood.postcode_districts):
                save_postcode(actor=admin, programme=programme, postcode=sector, area=area)
    return areas


def demo_postcode(area: Area, rng: random.Random) -> str:
    """A postcode that the lookup places in this demo area."""
    entry = area.postcodes.first()
    if entry is None:
        return ""
    code = entry.postcode
    if code.isdigit():
        return code
    # A full UK postcode inside the sector: "B661" → "B66 1" + unit
    return f"{code[:-1]} {code[-1]}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
