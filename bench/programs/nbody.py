"""Float arithmetic: a small gravitational n-body simulation (invented bodies, symplectic
Euler steps) with all state in plain lists of floats; prints the total energy before and
after, which any IEEE-754 interpreter evaluating in the same order reproduces exactly.

Measures float boxing, list indexing and attribute-free arithmetic in tight loops."""


def make_bodies():
    # [x, y, z, vx, vy, vz, mass]; a heavy centre and five lighter companions.
    bodies = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 40.0]]
    for i in range(1, 6):
        r = 1.5 * i
        speed = (40.0 / r) ** 0.5
        sign = 1.0 if i % 2 else -1.0
        bodies.append([r, 0.1 * i, -0.05 * i, 0.02 * i, sign * speed, 0.01 * sign, 0.3 / i])
    # Remove the net momentum so the centre of mass stays put.
    px = py = pz = 0.0
    for b in bodies:
        px += b[3] * b[6]
        py += b[4] * b[6]
        pz += b[5] * b[6]
    centre = bodies[0]
    centre[3] -= px / centre[6]
    centre[4] -= py / centre[6]
    centre[5] -= pz / centre[6]
    return bodies


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        x1, y1, z1, vx, vy, vz, m1 = bodies[i]
        e += 0.5 * m1 * (vx * vx + vy * vy + vz * vz)
        for j in range(i + 1, n):
            x2, y2, z2, _, _, _, m2 = bodies[j]
            dx, dy, dz = x1 - x2, y1 - y2, z1 - z2
            e -= m1 * m2 / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for a, b in pairs:
            dx = a[0] - b[0]
            dy = a[1] - b[1]
            dz = a[2] - b[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            ma = a[6] * mag
            mb = b[6] * mag
            a[3] -= dx * mb
            a[4] -= dy * mb
            a[5] -= dz * mb
            b[3] += dx * ma
            b[4] += dy * ma
            b[5] += dz * ma
        for body in bodies:
            body[0] += dt * body[3]
            body[1] += dt * body[4]
            body[2] += dt * body[5]


def main():
    bodies = make_bodies()
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    before = energy(bodies)
    advance(bodies, pairs, 0.001, 200000)
    after = energy(bodies)
    print("nbody %.9f %.9f" % (before, after))


main()
