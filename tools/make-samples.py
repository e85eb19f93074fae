#!/usr/bin/env python3
"""make-samples.py — writes the small sample files in data/samples/.

The samples are what the README's first command opens, what the
screenshots show and what the app tests start from, so they are made here,
deterministically, rather than downloaded:

  tone.wav    RIFF WAVE, 16-bit mono PCM, 0.5 s, with a LIST INFO title
  clip.avi    RIFF AVI, 8x8 uncompressed frames, hdrl/strl, movi and idx1
  tune.rmi    RIFF RMID wrapping a Standard MIDI File
  sounds.bnd  RIFF BND compound file (CTOC + CGRP) holding ding.wav,
              chime.wav and tune.mid

Usage: tools/make-samples.py [OUTDIR]   (default: data/samples next to tools/)
"""
import math
import os
import struct
import sys


def chunk(ckid, data):
    assert len(ckid) == 4
    out = ckid + struct.pack('<I', len(data)) + data
    if len(data) & 1:
        out += b'\0'
    return out


def form(kind, ftype, *chunks):
    return chunk(kind, ftype + b''.join(chunks))


def wave(freq, seconds, rate=8000, title=None):
    n = int(rate * seconds)
    pcm = bytearray()
    for i in range(n):
        env = 1.0 - i / n
        v = int(12000 * env * math.sin(2 * math.pi * freq * i / rate))
        pcm += struct.pack('<h', v)
    fmt = struct.pack('<HHIIHH', 1, 1, rate, rate * 2, 2, 16)
    parts = [chunk(b'fmt ', fmt), chunk(b'data', bytes(pcm))]
    if title:
        parts.append(form(b'LIST', b'INFO',
                          chunk(b'INAM', title.encode() + b'\0'),
                          chunk(b'ISFT', b'Riffscope make-samples.py\0')))
    return form(b'RIFF', b'WAVE', *parts)


def smf():
    # One track: tempo, program change, a rising C major arpeggio.
    ev = bytearray()
    ev += b'\x00\xff\x51\x03\x07\xa1\x20'          # tempo 500000 us/quarter
    ev += b'\x00\xc0\x0b'                           # program 11 (vibraphone)
    for note in (60, 64, 67, 72):
        ev += bytes([0x00, 0x90, note, 0x60])
        ev += bytes([0x60, 0x80, note, 0x40])       # 96 ticks later
    ev += b'\x00\xff\x2f\x00'                       # end of track
    head = b'MThd' + struct.pack('>IHHH', 6, 0, 1, 96)
    return head + b'MTrk' + struct.pack('>I', len(ev)) + bytes(ev)


def avi(frames=6, w=8, h=8):
    frame_bytes = w * h * 3
    avih = struct.pack('<IIIIIIIIII4I', 100000, frame_bytes * 10, 0, 0x10,
                       frames, 0, 1, frame_bytes, w, h, 0, 0, 0, 0)
    strh = (b'vids' + b'DIB ' + struct.pack('<IHHIIIIIIIIhhhh', 0, 0, 0, 0,
            1, 10, 0, frames, frame_bytes, 0xffffffff, 0, 0, 0, w, h))
    strf = struct.pack('<IiiHHIIiiII', 40, w, h, 1, 24, 0, frame_bytes,
                       0, 0, 0, 0)
    hdrl = form(b'LIST', b'hdrl', chunk(b'avih', avih),
                form(b'LIST', b'strl', chunk(b'strh', strh),
                     chunk(b'strf', strf)))
    movi_chunks = []
    idx = bytearray()
    off = 4
    for f in range(frames):
        px = bytearray()
        for y in range(h):
            for x in range(w):
                on = ((x + y + f) % 4) < 2
                px += bytes((40 * f, 200 if on else 30, 255 - 30 * f))
        c = chunk(b'00db', bytes(px))
        movi_chunks.append(c)
        idx += b'00db' + struct.pack('<III', 0x10, off, frame_bytes)
        off += len(c)
    movi = form(b'LIST', b'movi', *movi_chunks)
    return form(b'RIFF', b'AVI ', hdrl, movi, chunk(b'idx1', bytes(idx)))


def rmid():
    return form(b'RIFF', b'RMID', chunk(b'data', smf()),
                form(b'LIST', b'INFO', chunk(b'INAM', b'Arpeggio\0')))


def bnd(elements):
    """elements: list of (name, media-type FOURCC or None, bytes)."""
    name_size = 13                       # the OS/2 default; odd, NUL-padded
    entry_size = 24 + 1 + name_size      # no extra entry fields: even
    header = 36
    cgrp = bytearray()
    entries = bytearray()
    for name, medtype, data in elements:
        off = len(cgrp)
        cgrp += data
        if len(cgrp) & 1:
            cgrp += b'\0'
        raw = name.encode()
        assert len(raw) < name_size
        entries += struct.pack('<IIIIII', off, len(data),
                               int.from_bytes(medtype or b'\0\0\0\0', 'little'),
                               0, 0, len(data))
        entries += b'\0' + raw.ljust(name_size, b'\0')
    ctoc = struct.pack('<IIIIIII', header, len(elements), 0, 0, len(cgrp), 0,
                       1) + struct.pack('<HHHH', entry_size, name_size, 0, 0)
    assert len(ctoc) == header
    return form(b'RIFF', b'BND ', chunk(b'CTOC', ctoc + bytes(entries)),
                chunk(b'CGRP', bytes(cgrp)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'data', 'samples')
    os.makedirs(out, exist_ok=True)
    ding = wave(880, 0.25, title='Ding')
    chime = wave(660, 0.4, title='Chime')
    files = {
        'tone.wav': wave(440, 0.5, title='Tone'),
        'clip.avi': avi(),
        'tune.rmi': rmid(),
        'sounds.bnd': bnd([('ding.wav', b'WAVE', ding),
                           ('chime.wav', b'WAVE', chime),
                           ('tune.mid', None, smf())]),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)
        print('%-11s %6d bytes' % (name, len(data)))


if __name__ == '__main__':
    main()
