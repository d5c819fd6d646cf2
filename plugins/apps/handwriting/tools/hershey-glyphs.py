#!/usr/bin/env python3
"""Writes the glyph resource of the handwriting application from Debian's hershey-fonts-data.

Usage: tools/hershey-glyphs.py [FONT [CHARACTERS]] > ../src/main/resources/io/engram/app/handwriting/internal/glyphs.txt

FONT defaults to /usr/share/hershey-fonts/scripts.jhf (Script Simplex), CHARACTERS to a-z.
Needs `apt-get install hershey-fonts-data`. A .jhf file holds one glyph per line for the printable
ASCII characters from the space on: columns 1-5 an id, 6-8 the number of vertices (the margins
counted), then two characters each for the left and right margin and for each vertex, every
coordinate being its character's code minus that of 'R'; " R" lifts the pen. Lines continue when a
glyph is longer than 72 characters.

Output, one line per character: CHAR LEFT RIGHT then strokes separated by ' | ', each a list of
x,y vertices (font units, y down, origin at the glyph's centre).
"""
import sys

font = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/hershey-fonts/scripts.jhf"
chars = sys.argv[2] if len(sys.argv) > 2 else "abcdefghijklmnopqrstuvwxyz"

glyphs = []
with open(font, encoding="ascii") as f:
    pending = ""
    for line in f:
        line = line.rstrip("\n")
        pending += line
        count = int(pending[5:8])
        if len(pending) - 8 >= 2 * count:
            glyphs.append(pending)
            pending = ""

print("# Glyphs of the handwriting application's generator: one line per character,")
print("#   CHAR LEFT RIGHT STROKE | STROKE | ...   (each stroke: x,y vertices; font units, y down)")
print("# Converted by plugins/apps/handwriting/tools/hershey-glyphs.py from %s" % font)
print("# (Debian package hershey-fonts-data 0.1-1.1, http://www.whence.com/hershey-fonts/).")
print("# The Hershey Fonts were originally created by Dr. A. V. Hershey while working at the")
print("# U. S. National Bureau of Standards.")
print("# The format of the Font data in this distribution was originally created by James Hurt,")
print("# Cognition, Inc., 900 Technology Park Drive, Billerica, MA 01821.")
print("# Licence (Debian's copyright file, hershey-license): may be used by anyone for any purpose,")
print("# commercial or otherwise, providing that the acknowledgements above are distributed with the")
print("# font data, and that it is not converted into the format distributed by the U.S. NTIS.")
for ch in chars:
    g = glyphs[ord(ch) - 32]
    count = int(g[5:8])
    body = g[8:8 + 2 * count]
    left, right = ord(body[0]) - ord("R"), ord(body[1]) - ord("R")
    strokes, current = [], []
    for i in range(2, len(body), 2):
        pair = body[i:i + 2]
        if pair == " R":
            if current:
                strokes.append(current)
            current = []
        else:
            current.append("%d,%d" % (ord(pair[0]) - ord("R"), ord(pair[1]) - ord("R")))
    if current:
        strokes.append(current)
    print("%s %d %d %s" % (ch, left, right, " | ".join(" ".join(s) for s in strokes)))
