"""Card drawing for the made document sets: identity documents (fictitious people) and the cards and
papers that are not identity documents. Every function returns an RGB card image and its geometry in
card pixels: the portrait box (or None) and the boxes of the lines that identify the holder (ID number,
machine-readable zone). Names, addresses and numbers are made up here; faces come from the caller."""

import math
import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SANS_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
SANS_CJK_BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'
SERIF_CJK = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'
SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
SANS_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'
SERIF = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf'
MONO = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf'
MONO_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf'
CONDENSED = '/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf'

_font_cache = {}


def font(path, size):
    key = (path, int(size))
    if key not in _font_cache:
        _font_cache[key] = ImageFont.truetype(path, max(6, int(size)))
    return _font_cache[key]


# ---------------------------------------------------------------- fictitious people

SURNAMES = list('李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤')
GIVEN = list('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红文斌宇浩凯晨欣怡子涵梓轩雨桐思远嘉琪佳豪俊杰梦瑶雅婷晓东海燕志宏春梅')
NATIONS = ['汉', '汉', '汉', '汉', '回', '满', '壮', '苗', '彝', '土家', '蒙古', '朝鲜']
PROVINCES = ['广东省', '浙江省', '江苏省', '四川省', '湖北省', '山东省', '福建省', '河南省', '湖南省', '陕西省']
CITIES = ['广州市', '杭州市', '南京市', '成都市', '武汉市', '济南市', '厦门市', '郑州市', '长沙市', '西安市', '清河市', '东山市']
DISTRICTS = ['天河区', '西湖区', '鼓楼区', '锦江区', '江汉区', '历下区', '思明区', '金水区', '岳麓区', '雁塔区', '新城区', '城南区']
ROADS = ['幸福路', '光明街', '和平大道', '长青路', '文华街', '春晖路', '望江路', '青松巷', '朝阳路', '临湖路', '建设街', '学府路']
# Region prefixes of the 18-character number (county codes); the rest of every number is random.
REGIONS = ['110105', '440106', '310115', '320102', '330106', '510104', '420102', '610113', '500103', '370102', '350203', '430104']
EN_SURNAMES = ['SAMPLE', 'EXAMPLE', 'MUSTER', 'CITIZEN', 'TRAVELER', 'DOE', 'ROE', 'MODEL', 'PATTERN', 'PROBE', 'VOORBEELD', 'MODELO']
EN_GIVEN = ['ANNA', 'MARIA', 'JOHN', 'PETER', 'LENA', 'ELENA', 'TOM', 'MIA', 'LUCAS', 'SARA', 'NOAH', 'EVA', 'LEI', 'MEI']
COUNTRIES = ['UTO', 'XXA', 'XXB', 'XXC', 'ZZZ', 'XYZ']


def cn_name(r):
    return r.choice(SURNAMES) + ''.join(r.choice(GIVEN) for _ in range(r.choice([1, 2, 2])))


def cn_address(r):
    return f'{r.choice(PROVINCES)}{r.choice(CITIES)}{r.choice(DISTRICTS)}{r.choice(ROADS)}{r.randint(1, 399)}号{r.randint(1, 30)}栋{r.randint(101, 2505)}室'


def gb11643_check(body17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * w for c, w in zip(body17, weights))
    return '10X98765432'[s % 11]


def cn_number(r, birth):
    body = r.choice(REGIONS) + birth.replace('-', '') + f'{r.randint(0, 999):03d}'
    check = gb11643_check(body)
    if r.random() < 0.5:  # half with a wrong check character
        check = r.choice([c for c in '0123456789X' if c != check])
    return body + check


def birth_date(r):
    return f'{r.randint(1950, 2005)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}'


def mrz_check(s):
    values = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, '<': 0}
    return str(sum(values[c] * w for c, w in zip(s, [7, 3, 1] * 20)) % 10)


def mrz_lines(r, kind, surname, given, number, birth, sex='F'):
    """ICAO 9303 lines for TD1 (3x30), TD2 (2x36) or TD3 (2x44), with check digits."""
    country = r.choice(COUNTRIES)
    dob = birth[2:4] + birth[5:7] + birth[8:10]
    exp = f'{r.randint(25, 35)}{r.randint(1, 12):02d}{r.randint(1, 28):02d}'
    num = (number + '<' * 9)[:9]
    name = f'{surname}<<{given}'.replace(' ', '<')
    if kind == 'TD3':
        l1 = (f'P<{country}{name}' + '<' * 44)[:44]
        l2 = f'{num}{mrz_check(num)}{country}{dob}{mrz_check(dob)}{sex}{exp}{mrz_check(exp)}' + '<' * 14 + '0'
        l2 = (l2 + '<' * 44)[:43] + mrz_check(l2[:43])
        return [l1, l2[:44]]
    if kind == 'TD2':
        l1 = (f'I<{country}{name}' + '<' * 36)[:36]
        l2 = f'{num}{mrz_check(num)}{country}{dob}{mrz_check(dob)}{sex}{exp}{mrz_check(exp)}'
        l2 = (l2 + '<' * 36)[:35] + mrz_check(l2)
        return [l1, l2[:36]]
    l1 = (f'I<{country}{num}{mrz_check(num)}' + '<' * 30)[:30]
    l2 = (f'{dob}{mrz_check(dob)}{sex}{exp}{mrz_check(exp)}{country}' + '<' * 30)[:29] + '0'
    l3 = (name + '<' * 30)[:30]
    return [l1, l2, l3]


# ---------------------------------------------------------------- drawing helpers

def pastel(r, sat=(0.05, 0.25), val=(0.88, 0.98)):
    h = r.random()
    s = r.uniform(*sat)
    v = r.uniform(*val)
    i = int(h * 6) % 6
    f = h * 6 - int(h * 6)
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    rgb = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]
    return tuple(int(c * 255) for c in rgb)


def tint(color, amount):
    return tuple(max(0, min(255, int(c * (1 - amount)))) for c in color)


def guilloche(draw, w, h, r, colors, density=1.0, width=1):
    """Security-print style background: families of fine interleaved sine curves and rosettes."""
    for color in colors:
        kind = r.choice(['waves', 'rosette', 'mesh'])
        if kind == 'waves':
            amp = r.uniform(0.03, 0.12) * h
            freq = r.uniform(1.5, 6) * 2 * math.pi / w
            n = int(r.randint(18, 40) * density)
            for k in range(n):
                y0 = h * k / n
                ph = r.uniform(0, 6.3)
                pts = [(x, y0 + amp * math.sin(freq * x + ph + k * 0.3)) for x in range(0, w + 8, 6)]
                draw.line(pts, fill=color, width=width)
        elif kind == 'rosette':
            cx, cy = r.uniform(0.2, 0.8) * w, r.uniform(0.2, 0.8) * h
            rad = r.uniform(0.2, 0.5) * min(w, h)
            petals = r.randint(6, 18)
            n = int(r.randint(10, 24) * density)
            for k in range(n):
                rr = rad * (0.4 + 0.6 * k / n)
                pts = []
                for t in np.linspace(0, 2 * math.pi, 240):
                    q = rr * (1 + 0.18 * math.sin(petals * t + k * 0.4))
                    pts.append((cx + q * math.cos(t), cy + q * math.sin(t)))
                draw.line(pts, fill=color, width=width)
        else:
            n = int(r.randint(10, 24) * density)
            for k in range(n):
                a = r.uniform(0, 6.3)
                pts = [(x, h * k / n + 0.08 * h * math.sin(x * 0.03 + a)) for x in range(0, w + 8, 8)]
                draw.line(pts, fill=color, width=width)
                pts = [(w * k / n + 0.08 * w * math.sin(y * 0.03 + a), y) for y in range(0, h + 8, 8)]
                draw.line(pts, fill=color, width=width)


def gradient(w, h, c1, c2, r):
    a = np.linspace(0, 1, w)[None, :, None] if r.random() < 0.5 else np.linspace(0, 1, h)[:, None, None]
    arr = np.array(c1)[None, None, :] * (1 - a) + np.array(c2)[None, None, :] * a
    return Image.fromarray(np.broadcast_to(arr, (h, w, 3)).astype(np.uint8))


def rounded_mask(w, h, radius):
    m = Image.new('L', (w, h), 0)
    ImageDraw.Draw(m).rounded_rectangle([0, 0, w - 1, h - 1], radius=radius, fill=255)
    return m


def text_box(draw, xy, text, fnt, fill):
    draw.text(xy, text, font=fnt, fill=fill)
    b = draw.textbbox(xy, text, font=fnt)
    return [b[0], b[1], b[2] - b[0], b[3] - b[1]]


def scribble(draw, x, y, w, h, r, color=(20, 20, 60)):
    pts = []
    for i in range(r.randint(20, 40)):
        t = i / 30
        pts.append((x + w * t + r.uniform(-0.04, 0.04) * w, y + h * (0.5 + 0.45 * math.sin(t * r.uniform(8, 20)))))
    draw.line(pts, fill=color, width=max(1, int(h / 14)))


def portrait_image(face_img, face_box, w, h, r, background=None, style='photo'):
    """A portrait of size w x h cut around the face box of face_img (PIL RGB): head and shoulders,
    optionally matted onto a plain or given background (ID-photo look), optionally grey."""
    fx, fy, fw, fh = face_box
    cx, cy = fx + fw / 2, fy + fh / 2
    pw = fw * r.uniform(1.55, 1.9)
    ph = pw * h / w
    left, top = cx - pw / 2, fy - fh * r.uniform(0.45, 0.7)
    # Past the photo's edge the nearest edge pixels are repeated (a crop would fill black).
    x0, y0, x1, y1 = int(left), int(top), int(left + pw), int(top + ph)
    arr = np.asarray(face_img)
    pad = max(0, -x0, -y0, x1 - arr.shape[1], y1 - arr.shape[0])
    if pad:
        arr = np.pad(arr, ((pad, pad), (pad, pad), (0, 0)), mode='edge')
    crop = Image.fromarray(arr[y0 + pad:y1 + pad, x0 + pad:x1 + pad]).resize((w, h), Image.BICUBIC)
    if style == 'grey':
        crop = crop.convert('L').convert('RGB')
    if background is not None:
        # Feathered head-and-shoulders matte: a crude stand-in for the plain background of an ID photo.
        m = Image.new('L', (w, h), 0)
        d = ImageDraw.Draw(m)
        d.ellipse([w * 0.18, h * 0.05, w * 0.82, h * 0.78], fill=255)
        d.ellipse([-w * 0.1, h * 0.62, w * 1.1, h * 1.5], fill=255)
        m = m.filter(ImageFilter.GaussianBlur(w * 0.05))
        bg = background.resize((w, h)) if isinstance(background, Image.Image) else Image.new('RGB', (w, h), background)
        crop = Image.composite(crop, bg, m)
    return crop


# ---------------------------------------------------------------- identity documents

def cn_id_front(template, face, r):
    """Chinese resident ID card, portrait side, on the blank template (card 941 x 595 px)."""
    card = template.crop((144, 245, 1085, 840)).convert('RGB')
    W, H = card.size
    black = tuple([r.randint(0, 45)] * 3)
    # Printers and scanners differ: text a little larger or smaller, a little off its place.
    k = r.uniform(0.9, 1.1)
    jx, jy = r.uniform(-0.01, 0.01) * W, r.uniform(-0.01, 0.01) * H
    d = ImageDraw.Draw(card)
    f = font(SANS_CJK, H * 0.052 * k)

    def put(xy, text, fnt, fill):
        return text_box(d, (xy[0] + jx, xy[1] + jy), text, fnt, fill)

    name = cn_name(r)
    birth = birth_date(r)
    put((W * 0.2, H * 0.155), name, font(SANS_CJK, H * 0.058), black)
    put((W * 0.2, H * 0.265), r.choice(['男', '女']), f, black)
    put((W * 0.415, H * 0.265), r.choice(NATIONS), f, black)
    y, m, dd = birth.split('-')
    put((W * 0.2, H * 0.385), y, f, black)
    put((W * 0.38, H * 0.385), str(int(m)), f, black)
    put((W * 0.49, H * 0.385), str(int(dd)), f, black)
    addr = cn_address(r)
    put((W * 0.2, H * 0.5), addr[:11], f, black)
    put((W * 0.2, H * 0.585), addr[11:22], f, black)
    number = cn_number(r, birth)
    nb = put((W * 0.34, H * 0.795), number, font(MONO_BOLD, H * 0.062), black)
    pw, ph = int(W * r.uniform(0.26, 0.3)), int(H * r.uniform(0.57, 0.63))
    px, py = int(W * r.uniform(0.62, 0.65)), int(H * r.uniform(0.09, 0.13))
    # The portrait printed into the card's pattern (as issued), or a photo with its own plain background
    # (white, pale blue or grey), or the photo as taken.
    style = r.choice(['matte', 'matte', 'plain', 'raw'])
    if style == 'matte':
        bg = card.crop((px, py, px + pw, py + ph))
    elif style == 'plain':
        bg = r.choice([(250, 250, 250), (225, 235, 245), (200, 215, 235), (235, 235, 235)])
    else:
        bg = None
    por = portrait_image(face[0], face[1], pw, ph, r, background=bg)
    card.paste(por, (px, py))
    mask = rounded_mask(W, H, int(H * 0.05))
    return card, mask, {'kind': 'cn-id-front', 'portrait': [px, py, pw, ph], 'lines': [nb]}


def cn_id_back(template, r):
    card = template.crop((141, 954, 1085, 1548)).convert('RGB')
    W, H = card.size
    d = ImageDraw.Draw(card)
    f = font(SANS_CJK, H * 0.05)
    text_box(d, (W * 0.37, H * 0.715), f'{r.choice(CITIES)}公安局{r.choice(DISTRICTS)}分局', f, (20, 20, 20))
    y = r.randint(2010, 2024)
    text_box(d, (W * 0.37, H * 0.815), f'{y}.{r.randint(1, 12):02d}.{r.randint(1, 28):02d}-{y + 20}.{r.randint(1, 12):02d}.{r.randint(1, 28):02d}', f, (20, 20, 20))
    return card, rounded_mask(W, H, int(H * 0.05)), {'kind': 'cn-id-back', 'portrait': None, 'lines': []}


CYRILLIC = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ'
GREEK = 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ'

TITLES = [
    ('IDENTITY CARD', 'CARTE D\'IDENTITÉ'), ('RESIDENCE PERMIT', 'TITRE DE SÉJOUR'), ('DRIVING LICENCE', 'PERMIS DE CONDUIRE'),
    ('NATIONAL ID CARD', ''), ('PERMANENT RESIDENT CARD', ''), ('TRAVEL PERMIT', '通行证'), ('居民身份证', 'IDENTITY CARD'),
    ('居留证', 'RESIDENCE CARD'), ('駕駛執照', 'DRIVING LICENCE'), ('身份證', 'IDENTITY CARD'), ('来往通行证', 'EXIT-ENTRY PERMIT'),
    ('STUDENT ID', ''), ('STAFF IDENTITY CARD', ''), ('WORK PERMIT', ''), ('REPUBLIC OF UTOPIA', 'IDENTITY CARD'),
    ('ПАСПОРТ', 'IDENTITY CARD'), ('ΔΕΛΤΙΟ ΤΑΥΤΟΤΗΤΑΣ', 'IDENTITY CARD'), ('永久性居民身份證', 'PERMANENT IDENTITY CARD'),
    ('居住證', 'RESIDENT CARD'), ('VETERAN ID CARD', ''), ('TARJETA DE RESIDENCIA', 'RESIDENCE CARD'),
]
FIELD_LABELS = [
    ('Surname', '姓'), ('Given names', '名'), ('Date of birth', '出生日期'), ('Sex', '性别'), ('Nationality', '国籍'),
    ('Place of birth', '出生地点'), ('Date of issue', '签发日期'), ('Date of expiry', '有效期至'), ('Document No.', '证件号码'),
    ('Authority', '签发机关'), ('Address', '住址'), ('Class', '准驾车型'),
]


def generic_card(face, r, ratio=None, mrz=None):
    """A photo ID of our own design: security background, header, portrait on either side, labelled
    fields, maybe a document number and a machine-readable zone."""
    ratio = ratio or r.choice([85.6 / 54, 85.6 / 54, 105 / 74])
    W = r.randint(760, 1000)
    H = int(W / ratio)
    base = pastel(r)
    card = gradient(W, H, base, pastel(r), r)
    d = ImageDraw.Draw(card)
    guilloche(d, W, H, r, [tint(pastel(r, (0.2, 0.5), (0.6, 0.9)), 0.1) for _ in range(r.randint(1, 3))], density=r.uniform(0.6, 1.4))
    dark = r.random() < 0.15
    if dark:  # a dark card with light print (some residence cards, staff badges)
        card = gradient(W, H, tint(pastel(r, (0.4, 0.8)), 0.7), tint(pastel(r, (0.4, 0.8)), 0.6), r)
        d = ImageDraw.Draw(card)
        guilloche(d, W, H, r, [tint(pastel(r, (0.3, 0.6)), 0.55)], density=0.8)
    title, sub = r.choice(TITLES)
    accent = tint(pastel(r, (0.5, 0.9), (0.3, 0.7)), 0) if not dark else pastel(r, (0.2, 0.5), (0.85, 1.0))
    header_h = int(H * r.uniform(0.1, 0.17))
    if r.random() < 0.5:
        d.rectangle([0, 0, W, header_h], fill=accent)
        hc = (250, 250, 250)
    else:
        hc = accent
    cjk = any(ord(c) > 0x2e80 for c in title)
    text_box(d, (W * 0.05, header_h * 0.12), title, font(SANS_CJK_BOLD if cjk else SANS_BOLD, header_h * 0.5), hc)
    if sub:
        text_box(d, (W * 0.05, header_h * 0.62), sub, font(SANS_CJK if any(ord(c) > 0x2e80 for c in sub) else SANS, header_h * 0.28), hc)
    if r.random() < 0.6:  # emblem
        ex, ey, er = W * r.choice([0.86, 0.9]), header_h * 0.5, header_h * 0.4
        d.ellipse([ex - er, ey - er, ex + er, ey + er], outline=hc, width=3)
        d.regular_polygon((ex, ey, er * 0.5), 5, fill=hc)
    mrz = mrz if mrz is not None else r.choice([None, None, 'TD1', 'TD2'])
    mrz_n = {'TD1': 3, 'TD2': 2, 'TD3': 2}.get(mrz, 0)
    mrz_chars = {'TD1': 30, 'TD2': 36, 'TD3': 44}.get(mrz, 0)
    mrz_h = H * 0.085 * mrz_n
    body_top, body_bottom = header_h + H * 0.04, H - mrz_h - H * 0.05
    ph = int(min(body_bottom - body_top, H * 0.62))
    pw = int(ph * r.uniform(0.76, 0.82))
    left = r.random() < 0.65
    px = int(W * 0.04) if left else int(W * 0.96 - pw)
    py = int(body_top)
    bg = r.choice([None, (235, 238, 240), (200, 215, 235), (250, 250, 250)])
    por = portrait_image(face[0], face[1], pw, ph, r, background=bg, style='grey' if r.random() < 0.15 else 'photo')
    card.paste(por, (px, py))
    fx0 = px + pw + W * 0.04 if left else W * 0.05
    fx1 = W * 0.96 if left else px - W * 0.03
    labels = r.sample(FIELD_LABELS, r.randint(4, 7))
    lab_f = font(SANS_CJK, H * 0.032)
    val_f = font(SANS_BOLD if r.random() < 0.5 else SANS, H * 0.045)
    y = body_top
    step = (body_bottom - body_top) / (len(labels) + 0.3)
    lines = []
    surname, given = r.choice(EN_SURNAMES), r.choice(EN_GIVEN)
    number = ''.join(r.choice('ABCDEFGHJKLMNPRSTUVWXYZ') for _ in range(r.randint(1, 2))) + ''.join(r.choice('0123456789') for _ in range(r.randint(6, 8)))
    birth = birth_date(r)
    two_col = fx1 - fx0 > W * 0.45 and r.random() < 0.5
    for i, (en, zh) in enumerate(labels):
        col = i % 2 if two_col else 0
        row = i // 2 if two_col else i
        x = fx0 + col * (fx1 - fx0) / 2
        yy = body_top + row * (step * (2 if two_col else 1))
        if yy > body_bottom - step * 0.8:
            break
        label = f'{zh} / {en}' if r.random() < 0.5 and cjk else en
        text_box(d, (x, yy), label, lab_f, tint(accent, 0.2))
        value = {
            'Surname': surname, 'Given names': given, 'Date of birth': birth.replace('-', '.'), 'Sex': r.choice(['F', 'M']),
            'Document No.': number, 'Nationality': r.choice(COUNTRIES),
        }.get(en, ''.join(r.choice(r.choice(['ABCDEFGHIKLMNOPRSTUVXYZ ', CYRILLIC + ' ', GREEK + ' ', '0123456789.-'])) for _ in range(r.randint(5, 14))).strip() or 'UTOPIA')
        vb = text_box(d, (x, yy + H * 0.035), value, val_f, (25, 25, 35) if not dark else (240, 240, 240))
        if en == 'Document No.':
            lines.append(vb)
    if r.random() < 0.5:
        scribble(d, fx0, body_bottom - H * 0.1, min(W * 0.25, fx1 - fx0), H * 0.08, r)
    if r.random() < 0.2:  # a barcode or a QR code in a free corner
        bx, by = (W * 0.72, H * 0.62) if left else (W * 0.05, H * 0.62)
        if r.random() < 0.5:
            for i in range(0, int(W * 0.2), 3):
                if r.random() < 0.55:
                    d.rectangle([bx + i, by, bx + i + r.choice([1, 2]), by + H * 0.12], fill=(10, 10, 10))
        else:
            q = H * 0.2 / 21
            for i in range(21):
                for j in range(21):
                    if r.random() < 0.5:
                        d.rectangle([bx + i * q, by + j * q, bx + (i + 1) * q, by + (j + 1) * q], fill=(10, 10, 10))
    if r.random() < 0.3:  # small ghost portrait
        gw = int(pw * 0.35)
        ghost = por.convert('L').resize((gw, int(gw * ph / pw))).convert('RGB')
        gx = int(W * 0.8) if left else int(W * 0.05)
        card.paste(Image.blend(card.crop((gx, int(body_bottom - gw * 1.3), gx + gw, int(body_bottom - gw * 1.3) + ghost.size[1])), ghost, 0.45), (gx, int(body_bottom - gw * 1.3)))
    if mrz:
        lines_txt = mrz_lines(r, mrz, surname, given, number, birth)
        mf = font(MONO, min(H * 0.07, W * 0.92 / mrz_chars / 0.6))
        zone_top = H - mrz_h - H * 0.02
        if r.random() < 0.6:
            d.rectangle([0, zone_top - H * 0.01, W, H], fill=tint(base, 0.02))
        boxes = [text_box(d, (W * 0.04, zone_top + k * H * 0.085), t, mf, (20, 20, 20)) for k, t in enumerate(lines_txt)]
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        lines.append([x0, y0, max(b[0] + b[2] for b in boxes) - x0, max(b[1] + b[3] for b in boxes) - y0])
    kind = 'passport' if mrz == 'TD3' else 'id-card'
    return card, rounded_mask(W, H, int(H * r.uniform(0.02, 0.06))), {'kind': kind, 'portrait': [px, py, pw, ph], 'lines': lines}


def vertical_card(face, r):
    """A card in portrait orientation (staff and student IDs, some residence cards): header, the
    portrait centred at the top, name and fields below, maybe a number and a barcode."""
    H = r.randint(800, 1000)
    W = int(H * 54 / 85.6)
    card = gradient(W, H, pastel(r), pastel(r), r)
    d = ImageDraw.Draw(card)
    guilloche(d, W, H, r, [tint(pastel(r, (0.2, 0.5), (0.6, 0.9)), 0.1)], density=r.uniform(0.5, 1.0))
    accent = tint(pastel(r, (0.5, 0.9), (0.3, 0.7)), 0)
    hh = int(H * 0.12)
    d.rectangle([0, 0, W, hh], fill=accent)
    title, _ = r.choice(TITLES)
    text_box(d, (W * 0.06, hh * 0.25), title, font(SANS_CJK_BOLD, hh * 0.38), (250, 250, 250))
    pw = int(W * r.uniform(0.45, 0.6))
    ph = int(pw * 1.28)
    px, py = (W - pw) // 2, int(hh + H * 0.04)
    card.paste(portrait_image(face[0], face[1], pw, ph, r, background=r.choice([None, (230, 235, 240)])), (px, py))
    y = py + ph + H * 0.03
    name = cn_name(r) if r.random() < 0.5 else f'{r.choice(EN_GIVEN)} {r.choice(EN_SURNAMES)}'
    text_box(d, (W * 0.08, y), name, font(SANS_CJK_BOLD, H * 0.045), (20, 20, 30))
    lines = []
    for k in range(r.randint(2, 4)):
        yy = y + H * (0.06 + 0.045 * k)
        if yy > H * 0.9:
            break
        label = r.choice(['No. ', 'ID ', '编号 ', 'Valid ', 'Dept. '])
        value = ''.join(r.choice('0123456789') for _ in range(r.randint(6, 12)))
        b = text_box(d, (W * 0.08, yy), label + value, font(SANS_CJK, H * 0.032), (30, 30, 40))
        if k == 0:
            lines.append(b)
    return card, rounded_mask(W, H, int(W * 0.05)), {'kind': 'id-card', 'portrait': [px, py, pw, ph], 'lines': lines}


def passport_page(face, r):
    """An ID-3 data page (125 x 88 mm), sometimes under the facing page of the open booklet."""
    card, _, meta = generic_card(face, r, ratio=125 / 88, mrz='TD3')
    meta['kind'] = 'passport'
    if r.random() < 0.4:
        W, H = card.size
        top = gradient(W, H, pastel(r), pastel(r), r)
        guilloche(ImageDraw.Draw(top), W, H, r, [tint(pastel(r, (0.2, 0.4)), 0.1)], density=0.7)
        book = Image.new('RGB', (W, 2 * H + 6), (90, 40, 40))
        book.paste(top, (0, 0))
        book.paste(card, (0, H + 6))
        meta['portrait'][1] += H + 6
        for line in meta['lines']:
            line[1] += H + 6
        return book, rounded_mask(W, 2 * H + 6, 8), meta
    return card, rounded_mask(*card.size, 6), meta


def mrz_back(r):
    """The back of an ID card: no portrait, a TD1 zone at the bottom, maybe a barcode and a chip."""
    W = r.randint(760, 960)
    H = int(W / (85.6 / 54))
    card = gradient(W, H, pastel(r), pastel(r), r)
    d = ImageDraw.Draw(card)
    guilloche(d, W, H, r, [tint(pastel(r, (0.2, 0.5)), 0.1)], density=0.8)
    f = font(SANS, H * 0.04)
    for k in range(r.randint(2, 5)):
        text_box(d, (W * 0.05, H * (0.08 + 0.08 * k)), ''.join(r.choice('ABCDEFGHIKLMNOPRSTUV ') for _ in range(r.randint(10, 28))), f, (40, 40, 60))
    if r.random() < 0.5:
        for x in range(int(W * 0.55), int(W * 0.95), 4):
            if r.random() < 0.6:
                d.rectangle([x, H * 0.08, x + r.choice([1, 2, 3]), H * 0.38], fill=(10, 10, 10))
    lines_txt = mrz_lines(r, 'TD1', r.choice(EN_SURNAMES), r.choice(EN_GIVEN), 'X' + str(r.randint(1000000, 9999999)), birth_date(r))
    mf = font(MONO, min(H * 0.075, W * 0.92 / 30 / 0.6))
    boxes = [text_box(d, (W * 0.05, H * 0.6 + k * H * 0.11), t, mf, (15, 15, 15)) for k, t in enumerate(lines_txt)]
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    zone = [x0, y0, max(b[0] + b[2] for b in boxes) - x0, max(b[1] + b[3] for b in boxes) - y0]
    return card, rounded_mask(W, H, int(H * 0.04)), {'kind': 'mrz-back', 'portrait': None, 'lines': [zone]}


# ---------------------------------------------------------------- not identity documents

def bank_card(r):
    W = r.randint(760, 960)
    H = int(W / (85.6 / 54))
    c1 = tint(pastel(r, (0.4, 0.9), (0.3, 0.9)), 0)
    card = gradient(W, H, c1, tint(pastel(r, (0.4, 0.9), (0.2, 0.8)), 0), r)
    d = ImageDraw.Draw(card)
    if r.random() < 0.5:
        guilloche(d, W, H, r, [tint(c1, 0.15)], density=0.5)
    light = sum(c1) > 450
    ink = (20, 20, 20) if light else (245, 245, 245)
    text_box(d, (W * 0.06, H * 0.07), r.choice(['UTOPIA BANK', '乌托邦银行', 'CREDIT UNION', 'PLATINUM', '储蓄卡', 'DEBIT']), font(SANS_CJK_BOLD, H * 0.075), ink)
    d.rounded_rectangle([W * 0.1, H * 0.33, W * 0.23, H * 0.5], radius=8, fill=(212, 180, 90), outline=(150, 120, 50))
    number = ' '.join(''.join(r.choice('0123456789') for _ in range(4)) for _ in range(4))
    nb = text_box(d, (W * 0.08, H * 0.58), number, font(MONO_BOLD, H * 0.085), ink)
    text_box(d, (W * 0.08, H * 0.78), f'{r.choice(EN_GIVEN)} {r.choice(EN_SURNAMES)}', font(SANS, H * 0.055), ink)
    text_box(d, (W * 0.55, H * 0.72), f'VALID THRU {r.randint(1, 12):02d}/{r.randint(25, 32)}', font(SANS, H * 0.04), ink)
    cx = W * 0.82
    d.ellipse([cx - H * 0.11, H * 0.75, cx + H * 0.05, H * 0.91], fill=(230, 40, 40))
    d.ellipse([cx - H * 0.03, H * 0.75, cx + H * 0.13, H * 0.91], fill=(250, 170, 30))
    return card, rounded_mask(W, H, int(H * 0.06)), {'kind': 'bank-card', 'portrait': None, 'lines': [nb]}


def business_card(r, face=None):
    W = r.randint(760, 960)
    H = int(W / (90 / 54))
    bgc = r.choice([(250, 250, 248), (245, 245, 240), pastel(r, (0.02, 0.1), (0.93, 1.0)), (30, 40, 60)])
    card = Image.new('RGB', (W, H), bgc)
    d = ImageDraw.Draw(card)
    ink = (20, 20, 20) if sum(bgc) > 300 else (240, 240, 240)
    accent = tint(pastel(r, (0.5, 0.9), (0.4, 0.8)), 0)
    if r.random() < 0.5:
        d.rectangle([0, H * 0.85, W, H], fill=accent)
    x = W * 0.07
    portrait = None
    if face is not None:
        pw = int(H * r.uniform(0.3, 0.45))
        ph = int(pw * 1.25)
        por = portrait_image(face[0], face[1], pw, ph, r)
        px = int(W * 0.06) if r.random() < 0.5 else int(W * 0.94 - pw)
        py = int(H * 0.12)
        card.paste(por, (px, py))
        portrait = [px, py, pw, ph]
        if px < W / 2:
            x = px + pw + W * 0.05
    cjk = r.random() < 0.5
    name = cn_name(r) if cjk else f'{r.choice(EN_GIVEN).title()} {r.choice(EN_SURNAMES).title()}'
    text_box(d, (x, H * 0.14), name, font(SANS_CJK_BOLD, H * 0.1), ink)
    text_box(d, (x, H * 0.3), r.choice(['销售经理', '总经理', 'Senior Engineer', 'Designer', '市场总监', 'Account Manager']), font(SANS_CJK, H * 0.055), accent)
    for k, line in enumerate([
        f'Tel: +{r.randint(1, 99)} {r.randint(100, 999)} {r.randint(1000, 9999)} {r.randint(1000, 9999)}',
        f'{name.split()[0].lower() if not cjk else "info"}@example.com',
        r.choice(['www.example.com', '地址：' + cn_address(r)[:14], 'Unit 5, Example Road']),
    ]):
        text_box(d, (x, H * (0.5 + 0.1 * k)), line, font(SANS_CJK, H * 0.045), ink)
    if r.random() < 0.6:
        lx, ly = W * 0.85, H * 0.18
        d.regular_polygon((lx, ly, H * 0.08), r.randint(3, 8), fill=accent)
    return card, rounded_mask(W, H, int(H * r.uniform(0, 0.05))), {'kind': 'business-card', 'portrait': portrait, 'lines': []}


def ticket(r):
    W = r.randint(800, 1000)
    H = int(W * r.uniform(0.42, 0.62))
    c = r.choice([(180, 210, 240), (245, 200, 210), (250, 250, 250), (230, 240, 220)])
    card = gradient(W, H, c, tint(c, 0.08), r)
    d = ImageDraw.Draw(card)
    if r.random() < 0.5:
        guilloche(d, W, H, r, [tint(c, 0.12)], density=0.6)
    f = font(SANS_CJK, H * 0.07)
    text_box(d, (W * 0.06, H * 0.06), r.choice(['G1234', 'D2817', 'BOARDING PASS', '电影票', 'ADMIT ONE', 'K521']), font(SANS_CJK_BOLD, H * 0.1), (30, 30, 30))
    text_box(d, (W * 0.06, H * 0.25), f'{r.choice(CITIES)}站 → {r.choice(CITIES)}站', font(SANS_CJK_BOLD, H * 0.09), (20, 20, 20))
    for k in range(r.randint(3, 5)):
        text_box(d, (W * 0.06, H * (0.42 + 0.11 * k)), ''.join(r.choice('0123456789ABCDEFG:- 年月日车厢座号') for _ in range(r.randint(8, 22))), f, (40, 40, 40))
    qs = int(H * 0.35)
    qx, qy = int(W * 0.78), int(H * 0.5)
    for i in range(21):
        for j in range(21):
            if r.random() < 0.5:
                d.rectangle([qx + i * qs / 21, qy + j * qs / 21, qx + (i + 1) * qs / 21, qy + (j + 1) * qs / 21], fill=(0, 0, 0))
    return card, rounded_mask(W, H, int(H * 0.03)), {'kind': 'ticket', 'portrait': None, 'lines': []}


def receipt(r):
    W = r.randint(420, 560)
    H = int(W * r.uniform(1.8, 3.0))
    card = Image.new('RGB', (W, H), (248, 247, 242))
    d = ImageDraw.Draw(card)
    f = font(MONO, W * 0.04)
    y = H * 0.03
    text_box(d, (W * 0.2, y), r.choice(['SUPERMARKET', '便利店', 'CAFE UTOPIA', '超市购物小票']), font(SANS_CJK_BOLD, W * 0.07), (10, 10, 10))
    y += W * 0.12
    while y < H * 0.92:
        item = ''.join(r.choice('ABCDEFGHIJKLMNOP 苹果牛奶面包') for _ in range(r.randint(6, 14)))
        text_box(d, (W * 0.05, y), f'{item:<16}{r.randint(1, 99)}.{r.randint(0, 99):02d}', font(SANS_CJK, W * 0.04) if r.random() < 0.3 else f, (30, 30, 30))
        y += W * 0.055
    return card, None, {'kind': 'receipt', 'portrait': None, 'lines': []}


def text_page(r, face=None, kind='book-page'):
    """A book page, form or text screenshot; a book page may carry a photograph of a person."""
    W = r.randint(800, 1000)
    H = int(W * r.uniform(1.3, 1.5))
    bgc = r.choice([(250, 250, 245), (245, 240, 225), (255, 255, 255)])
    card = Image.new('RGB', (W, H), bgc)
    d = ImageDraw.Draw(card)
    cjk = r.random() < 0.5
    f = font(SERIF_CJK if cjk else SERIF, W * r.uniform(0.022, 0.03))
    portrait = None
    y = H * 0.07
    if kind == 'form':
        text_box(d, (W * 0.25, y), r.choice(['申请表', 'APPLICATION FORM', '登记表']), font(SANS_CJK_BOLD, W * 0.045), (10, 10, 10))
        y += W * 0.1
        rows = r.randint(8, 16)
        rh = (H * 0.85 - y) / rows
        for k in range(rows):
            d.rectangle([W * 0.06, y + k * rh, W * 0.94, y + (k + 1) * rh], outline=(40, 40, 40), width=2)
            d.line([W * 0.3, y + k * rh, W * 0.3, y + (k + 1) * rh], fill=(40, 40, 40), width=2)
            text_box(d, (W * 0.08, y + k * rh + rh * 0.25), r.choice(['姓名', '电话', 'Name', 'Date', '地址', 'Signature', '单位']), font(SANS_CJK, rh * 0.4), (30, 30, 30))
        return card, None, {'kind': 'form', 'portrait': None, 'lines': []}
    if face is not None and r.random() < 0.7:
        pw = int(W * r.uniform(0.25, 0.45))
        ph = int(pw * r.uniform(1.0, 1.3))
        px = int(r.choice([W * 0.08, W * 0.5 - pw / 2, W * 0.92 - pw]))
        por = portrait_image(face[0], face[1], pw, ph, r, style='grey' if r.random() < 0.4 else 'photo')
        card.paste(por, (px, int(y)))
        portrait = [px, int(y), pw, ph]
        text_box(d, (px, y + ph + W * 0.01), r.choice(['图 1', 'Figure 3.', '照片：', 'Photo:']), font(SANS_CJK, W * 0.02), (60, 60, 60))
        y += ph + W * 0.06
    chars = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经' if cjk else 'abcdefghijklmnopqrstuvwxyz     '
    while y < H * 0.93:
        line = ''.join(r.choice(chars) for _ in range(r.randint(30, 46) if cjk else r.randint(55, 80)))
        text_box(d, (W * 0.07, y), line, f, (25, 25, 25))
        y += W * 0.045
    return card, None, {'kind': kind, 'portrait': portrait, 'lines': []}


def banknote(face, r):
    W = r.randint(900, 1100)
    H = int(W / r.uniform(2.0, 2.4))
    c = pastel(r, (0.15, 0.4), (0.7, 0.9))
    card = gradient(W, H, c, tint(c, 0.15), r)
    d = ImageDraw.Draw(card)
    guilloche(d, W, H, r, [tint(c, 0.25), tint(c, 0.4)], density=1.4)
    pw = int(H * 0.55)
    ph = int(pw * 1.25)
    px, py = int(W * r.uniform(0.35, 0.6) - pw / 2), int(H * 0.2)
    por = portrait_image(face[0], face[1], pw, ph, r, style='grey')
    por = Image.blend(por, Image.new('RGB', por.size, tint(c, 0.3)), 0.35)
    m = Image.new('L', (pw, ph), 0)
    ImageDraw.Draw(m).ellipse([0, 0, pw - 1, ph - 1], fill=255)
    card.paste(por, (px, py), m)
    big = font(SERIF, H * 0.22)
    value = r.choice(['1', '5', '10', '20', '50', '100'])
    for xy in [(W * 0.04, H * 0.04), (W * 0.85, H * 0.7)]:
        text_box(d, xy, value, big, tint(c, 0.6))
    text_box(d, (W * 0.3, H * 0.05), r.choice(['BANK OF UTOPIA', '乌托邦银行', 'UTOPIA RESERVE NOTE']), font(SANS_CJK_BOLD, H * 0.08), tint(c, 0.7))
    text_box(d, (W * 0.65, H * 0.3), f'{r.choice("ABCDEFG")}{r.randint(10000000, 99999999)}', font(MONO_BOLD, H * 0.07), (150, 30, 30))
    return card, None, {'kind': 'banknote', 'portrait': [px, py, pw, ph], 'lines': []}


def poster(face, r):
    W = r.randint(800, 1000)
    H = int(W * r.uniform(1.3, 1.5))
    c = tint(pastel(r, (0.3, 0.9), (0.3, 0.95)), 0)
    card = Image.new('RGB', (W, H), c)
    d = ImageDraw.Draw(card)
    pw = int(W * r.uniform(0.5, 0.9))
    ph = int(pw * r.uniform(0.9, 1.3))
    px, py = int((W - pw) * r.random()), int(H * r.uniform(0.15, 0.3))
    card.paste(portrait_image(face[0], face[1], pw, ph, r), (px, py))
    ink = (20, 20, 20) if sum(c) > 380 else (250, 250, 250)
    text_box(d, (W * 0.05, H * 0.03), r.choice(['SUMMER CONCERT', '音乐节', 'NEW ALBUM', '讲座预告', 'OPENING NIGHT', '招聘']), font(SANS_CJK_BOLD, W * 0.09), ink)
    y = py + ph + H * 0.02
    while y < H * 0.95:
        text_box(d, (W * 0.06, y), ''.join(r.choice('ABCDEFGHIJ 2026 年月日地点时间票价') for _ in range(r.randint(10, 26))), font(SANS_CJK, W * 0.035), ink)
        y += W * 0.055
    return card, None, {'kind': 'poster', 'portrait': [px, py, pw, ph], 'lines': []}


def chat_screenshot(face, r):
    W, H = 720, r.choice([1280, 1560])
    card = Image.new('RGB', (W, H), r.choice([(237, 237, 237), (255, 255, 255), (20, 20, 24)]))
    d = ImageDraw.Draw(card)
    dark = card.getpixel((0, 0))[0] < 100
    ink = (230, 230, 230) if dark else (20, 20, 20)
    d.rectangle([0, 0, W, 90], fill=(245, 245, 245) if not dark else (35, 35, 40))
    text_box(d, (W * 0.35, 28), r.choice(['朋友圈', 'Messages', '微博', 'Chat']), font(SANS_CJK_BOLD, 34), ink)
    y = 120
    portrait = None
    while y < H - 120:
        if face is not None and portrait is None and r.random() < 0.35:
            pw = int(W * r.uniform(0.4, 0.7))
            ph = int(pw * r.uniform(1.0, 1.3))
            card.paste(portrait_image(face[0], face[1], pw, ph, r), (110, y))
            portrait = [110, y, pw, ph]
            y += ph + 30
            continue
        bw = r.randint(200, 560)
        bh = r.choice([60, 100, 140])
        right = r.random() < 0.5
        x0 = W - 100 - bw if right else 100
        d.rounded_rectangle([x0, y, x0 + bw, y + bh], radius=14, fill=(149, 236, 105) if right and not dark else ((60, 60, 66) if dark else (255, 255, 255)))
        d.rectangle([20 if not right else W - 84, y, 84 if not right else W - 20, y + 64], fill=pastel(r, (0.3, 0.6), (0.5, 0.9)))
        for k in range(bh // 40):
            text_box(d, (x0 + 16, y + 12 + k * 40), ''.join(r.choice('好的明天见我们在哪里吃饭哈哈 OKthanks') for _ in range(min(22, bw // 28))), font(SANS_CJK, 26), ink if not right or dark else (20, 20, 20))
        y += bh + 30
    return card, None, {'kind': 'screenshot', 'portrait': portrait, 'lines': []}
