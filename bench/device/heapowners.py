#!/usr/bin/env python3
"""Who holds the heap of a device runtime: reads an HPROF heap dump (jcmd <pid> GC.heap_dump <file>) and
attributes every object's shallow size to its nearest "owner": the first object up the chain of referrers
that is not a mere container (String, arrays, collections and their nodes). A rough, dependency-free view
for when a class histogram says "byte[]" and nothing more; each object counts once, for its first referrer.

    python3 bench/device/heapowners.py dump.hprof [top]
"""
import struct
import sys
from collections import defaultdict

CONTAINERS = (
    "java.lang.String", "java.util.", "java.lang.Object[]", "java.lang.String[]", "byte[]", "char[]", "int[]",
    "long[]", "java.lang.ref.", "java.util.concurrent.",
)
SIZES = {2: None, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIM_NAMES = {4: "boolean[]", 5: "char[]", 6: "float[]", 7: "double[]", 8: "byte[]", 9: "short[]", 10: "int[]", 11: "long[]"}


def java_name(descriptor):
    """[[B -> byte[][], [Ljava.lang.String; -> java.lang.String[]"""
    dims = len(descriptor) - len(descriptor.lstrip("["))
    base = descriptor[dims:]
    if dims and base.startswith("L"):
        base = base[1:].rstrip(";")
    elif dims:
        base = {"Z": "boolean", "C": "char", "F": "float", "D": "double", "B": "byte", "S": "short", "I": "int",
                "J": "long"}[base]
    return base + "[]" * dims


def main(path, top):
    data = open(path, "rb").read()
    pos = data.index(b"\0") + 1
    idsize = struct.unpack_from(">I", data, pos)[0]
    pos += 12
    SIZES[2] = idsize
    idfmt = ">Q" if idsize == 8 else ">I"

    def rid(p):
        return struct.unpack_from(idfmt, data, p)[0]

    strings, class_names = {}, {}
    class_fields, class_super, class_instance_size = {}, {}, {}
    objects = {}  # id -> (type name or class id, shallow size)
    refs = defaultdict(list)  # referred id -> [referrer id]
    instances = []  # (id, class id, offset, length) parsed after all class dumps are known

    def ref(frm, to):
        if to:
            refs[to].append(frm)

    while pos < len(data):
        tag, _, length = struct.unpack_from(">BII", data, pos)
        pos += 9
        end = pos + length
        if tag == 0x01:
            strings[rid(pos)] = data[pos + idsize:end].decode("utf-8", "replace")
        elif tag == 0x02:
            class_names[rid(pos + 4)] = strings.get(rid(pos + 8 + idsize), "?").replace("/", ".")
        elif tag in (0x0C, 0x1C):
            p = pos
            while p < end:
                sub = data[p]
                p += 1
                if sub == 0xFF or sub == 0x05 or sub == 0x07:
                    p += idsize
                elif sub == 0x01:
                    p += 2 * idsize
                elif sub in (0x02, 0x03, 0x08):
                    p += idsize + 8
                elif sub in (0x04, 0x06):
                    p += idsize + 4
                elif sub == 0x20:
                    cid = rid(p)
                    class_super[cid] = rid(p + idsize + 4)
                    p += 7 * idsize + 4
                    class_instance_size[cid] = struct.unpack_from(">I", data, p)[0]
                    p += 4
                    (ncp,) = struct.unpack_from(">H", data, p)
                    p += 2
                    for _ in range(ncp):
                        t = data[p + 2]
                        p += 3 + SIZES[t]
                    (nstat,) = struct.unpack_from(">H", data, p)
                    p += 2
                    for _ in range(nstat):
                        t = data[p + idsize]
                        if t == 2:
                            ref(cid, rid(p + idsize + 1))
                        p += idsize + 1 + SIZES[t]
                    (nf,) = struct.unpack_from(">H", data, p)
                    p += 2
                    fields = []
                    for _ in range(nf):
                        fields.append(data[p + idsize])
                        p += idsize + 1
                    class_fields[cid] = fields
                    objects[cid] = ("class " + "?", 0)
                elif sub == 0x21:
                    oid, cid, n = rid(p), rid(p + idsize + 4), struct.unpack_from(">I", data, p + 2 * idsize + 4)[0]
                    instances.append((oid, cid, p + 2 * idsize + 8, n))
                    p += 2 * idsize + 8 + n
                elif sub == 0x22:
                    oid = rid(p)
                    (n,) = struct.unpack_from(">I", data, p + idsize + 4)
                    acid = rid(p + idsize + 8)
                    q = p + 2 * idsize + 8
                    for i in range(n):
                        ref(oid, rid(q + i * idsize))
                    objects[oid] = (("objarray", acid), 16 + n * idsize)
                    p = q + n * idsize
                elif sub == 0x23:
                    oid = rid(p)
                    n, t = struct.unpack_from(">IB", data, p + idsize + 4)
                    objects[oid] = (PRIM_NAMES[t], 16 + n * SIZES[t])
                    p += idsize + 9 + n * SIZES[t]
                else:
                    raise ValueError("unknown heap dump sub-record 0x%x at %d" % (sub, p))
        pos = end

    for oid, cid, off, n in instances:
        objects[oid] = (cid, 16 + n)
        c = cid
        while c:
            for t in class_fields.get(c, ()):
                if t == 2:
                    ref(oid, rid(off))
                off += SIZES[t]
            c = class_super.get(c)

    def name(oid):
        kind = objects.get(oid, ("?", 0))[0]
        if isinstance(kind, tuple):
            return java_name(class_names.get(kind[1], "?"))
        if isinstance(kind, int):
            return class_names.get(kind, "?")
        if kind.startswith("class "):
            return "class " + class_names.get(oid, "?") + " (statics)"
        return kind

    def owner(oid):
        seen, cur = set(), oid
        for _ in range(12):
            seen.add(cur)
            up = [r for r in refs.get(cur, ()) if r not in seen]
            if not up:
                return name(cur) if cur != oid else "(root or unreferenced) " + name(oid)
            cur = up[0]
            n = name(cur)
            if not n.startswith(CONTAINERS):
                return n
        return "(deep) " + name(cur)

    by_owner = defaultdict(lambda: [0, 0])
    by_type = defaultdict(lambda: [0, 0])
    total = 0
    for oid, (kind, size) in objects.items():
        n = name(oid)
        if n.startswith("class "):
            continue
        total += size
        o = owner(oid)
        by_owner[o][0] += size
        by_owner[o][1] += 1
        by_type[(o, n)][0] += size
        by_type[(o, n)][1] += 1
    print("heap objects: %d, %.1f KiB shallow" % (len(objects), total / 1024))
    print("\n== owners (shallow KiB of everything they hold through containers, objects)")
    for o, (size, count) in sorted(by_owner.items(), key=lambda kv: -kv[1][0])[:top]:
        print("%9.1f %7d  %s" % (size / 1024, count, o))
    print("\n== owner / type")
    for (o, n), (size, count) in sorted(by_type.items(), key=lambda kv: -kv[1][0])[:top]:
        print("%9.1f %7d  %s  <-  %s" % (size / 1024, count, n, o))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
