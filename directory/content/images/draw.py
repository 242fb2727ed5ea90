"""Draw the demo's pictures: three offer photos and five partner logos, flat shapes only (no fonts, no photos of
anyone), so that every pixel is ours to give away (CC0 1.0, see LICENCE.md).

Run once from the project root, `.venv/bin/python directory/content/images/draw.py`; the files it writes are
committed, and `load_demo` reads those, not this script. Shapes are drawn at twice the size and scaled down, for
smooth edges.
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).parent
SCALE = 2
PHOTO = (1200, 675)  # 16:9, the offer page's widest rendition
LOGO = (320, 320)

SKY, GRASS, BRICK, INK = "#bfe3f5", "#5aa469", "#c8643b", "#1d2a33"
SKIN = ["#f1c7a5", "#c58c5f", "#8d5a3b", "#e0ac7e"]
SHIRTS = ["#e4572e", "#29335c", "#f3a712", "#669bbc", "#a8c686", "#8e44ad"]


class Canvas:
    """A drawing surface in the final image's coordinates, drawn at SCALE for smooth edges."""

    def __init__(self, size, background):
        self.size = size
        self.image = Image.new("RGB", (size[0] * SCALE, size[1] * SCALE), background)
        self.draw = ImageDraw.Draw(self.image)

    def _box(self, box):
        return [value * SCALE for value in box]

    def rect(self, box, fill, radius=0):
        self.draw.rounded_rectangle(self._box(box), radius=radius * SCALE, fill=fill)

    def ellipse(self, box, fill, outline=None, width=0):
        self.draw.ellipse(self._box(box), fill=fill, outline=outline, width=width * SCALE)

    def polygon(self, points, fill):
        self.draw.polygon([(x * SCALE, y * SCALE) for x, y in points], fill=fill)

    def line(self, points, fill, width):
        self.draw.line([(x * SCALE, y * SCALE) for x, y in points], fill=fill, width=width * SCALE, joint="curve")

    def person(self, x, y, height, number, arm_up=False):
        """A young person standing with feet at (x, y)."""
        head, shirt = SKIN[number % len(SKIN)], SHIRTS[number % len(SHIRTS)]
        unit = height / 10
        self.rect((x - unit * 0.9, y - unit * 4, x - unit * 0.1, y), INK, radius=unit * 0.3)  # legs
        self.rect((x + unit * 0.1, y - unit * 4, x + unit * 0.9, y), INK, radius=unit * 0.3)
        self.rect((x - unit * 1.4, y - unit * 7.6, x + unit * 1.4, y - unit * 3.6), shirt, radius=unit * 0.8)
        arm, width = (y - unit * 9.5 if arm_up else y - unit * 4.2), max(2, int(unit * 0.7))
        self.line([(x + unit * 1.2, y - unit * 7), (x + unit * 2.2, arm)], shirt, width=width)
        self.line([(x - unit * 1.2, y - unit * 7), (x - unit * 2, y - unit * 4.4)], shirt, width=width)
        self.ellipse((x - unit * 1.2, y - unit * 10, x + unit * 1.2, y - unit * 7.6), head)

    def save(self, name, **options):
        final = self.image.resize(self.size, Image.Resampling.LANCZOS)
        if name.endswith(".png"):
            final = final.quantize(colors=32)  # a logo has few colours: a small palette keeps the file small
        final.save(HERE / name, **options)
        print(f"{name}: {(HERE / name).stat().st_size / 1024:.1f} KB")


def football():
    """Street football on the square: a goal, a ball and five players."""
    c = Canvas(PHOTO, SKY)
    c.rect((0, 330, 1200, 675), GRASS)
    for x in range(0, 1200, 150):  # the houses around the square
        c.rect((x + 10, 170 + (x // 150) % 3 * 30, x + 140, 335), [BRICK, "#e9c46a", "#d8d8d8"][(x // 150) % 3])
        c.rect((x + 40, 220 + (x // 150) % 3 * 30, x + 80, 260 + (x // 150) % 3 * 30), "#fdfdfd")
    c.ellipse((980, 40, 1100, 160), "#ffd166")
    c.line([(200, 600), (200, 380), (520, 380), (520, 600)], "#ffffff", width=12)  # the goal
    for x in range(215, 520, 30):
        c.line([(x, 390), (x, 590)], "#e8f3ea", width=2)
    for position, (x, y) in enumerate([(640, 610), (760, 560), (900, 630), (1040, 580), (360, 560)]):
        c.person(x, y, 200, position, arm_up=position == 2)
    c.ellipse((820, 600, 870, 650), "#ffffff", outline=INK, width=3)
    c.save("pleinvoetbal.jpg", quality=80, optimize=True, progressive=True)


def theatre():
    """A theatre workshop: a stage under a spotlight, two young actors and three watching."""
    c = Canvas(PHOTO, "#2b1b3f")
    c.polygon([(600, 0), (300, 520), (900, 520)], "#4a3566")  # the spotlight's beam
    c.rect((120, 420, 1080, 520), "#8c5e3c")  # the stage
    c.rect((0, 0, 180, 675), "#b3202c")  # curtains
    c.rect((1020, 0, 1200, 675), "#b3202c")
    c.rect((0, 0, 1200, 70), "#8e1823")
    c.person(520, 430, 260, 1, arm_up=True)
    c.person(700, 430, 240, 4)
    for position, x in enumerate((330, 600, 870)):  # the audience, from behind
        c.ellipse((x - 60, 540, x + 60, 660), SHIRTS[position + 2])
        c.ellipse((x - 35, 490, x + 35, 560), INK)
    c.save("theaterworkshop.jpg", quality=80, optimize=True, progressive=True)


def cooking():
    """Cooking together: a table with a pan, vegetables and three cooks."""
    c = Canvas(PHOTO, "#f6efe4")
    for x in range(0, 1200, 80):  # tiles on the kitchen wall
        for y in range(0, 360, 80):
            c.rect((x + 4, y + 4, x + 76, y + 76), "#e3eef2", radius=6)
    c.person(330, 520, 300, 0, arm_up=True)
    c.person(600, 520, 320, 3)
    c.person(870, 520, 300, 5)
    c.rect((80, 430, 1120, 675), "#a86b3c")  # the table, in front of the cooks
    c.rect((80, 430, 1120, 455), "#c98c55")
    c.ellipse((470, 470, 730, 560), "#3d3d3d")  # the pan
    c.rect((720, 500, 880, 520), "#3d3d3d", radius=8)
    c.ellipse((500, 480, 700, 545), "#e9c46a")
    for x, colour in ((200, "#e4572e"), (260, "#f3a712"), (950, "#5aa469"), (1010, "#e4572e")):
        c.ellipse((x - 30, 480, x + 30, 540), colour)
    c.save("samen-koken.jpg", quality=80, optimize=True, progressive=True)


def logo(name, background, draw):
    c = Canvas(LOGO, "#ffffff")
    c.rect((10, 10, 310, 310), background, radius=60)
    draw(c)
    c.save(f"logo-{name}.png", optimize=True)


def logos():
    def speech(c):  # JAC: a speech bubble with a question mark's dot
        c.rect((60, 70, 260, 210), "#ffffff", radius=40)
        c.polygon([(100, 200), (90, 260), (150, 205)], "#ffffff")
        c.ellipse((140, 120, 180, 160), "#0f7c8c")

    def house(c):  # OVERKOP: a house with an open door
        c.polygon([(160, 50), (50, 150), (270, 150)], "#ffffff")
        c.rect((75, 145, 245, 270), "#ffffff")
        c.rect((135, 190, 185, 270), "#f3a712")

    def bear(c):  # Arktos: a bear's head
        for x in (90, 230):
            c.ellipse((x - 35, 60, x + 35, 130), "#ffffff")
        c.ellipse((70, 80, 250, 260), "#ffffff")
        c.ellipse((120, 140, 140, 160), INK)
        c.ellipse((180, 140, 200, 160), INK)
        c.ellipse((140, 185, 180, 215), INK)

    def stage(c):  # 't Schaliken: a stage under a spotlight
        c.polygon([(160, 40), (70, 230), (250, 230)], "#ffe08a")
        c.rect((50, 220, 270, 260), "#ffffff", radius=10)

    def waves(c):  # Neteland: the river Nete and a swimmer's sun
        c.ellipse((190, 60, 260, 130), "#ffd166")
        for y in (160, 200, 240):
            c.line([(50, y), (100, y - 20), (160, y), (220, y - 20), (270, y)], "#ffffff", width=14)

    logo("jac", "#0f7c8c", speech)
    logo("overkop", "#29335c", house)
    logo("arktos", "#2f6f3e", bear)
    logo("schaliken", "#7a1f3d", stage)
    logo("neteland", "#1f5fa8", waves)


if __name__ == "__main__":
    football()
    theatre()
    cooking()
    logos()
