"""A mixed workload: a tiny stack-machine language. Source text is tokenized with str
methods, compiled to a list of (opcode, argument) tuples, and run by a dispatch loop over
if/elif chains, a dict of variables and a list stack. The program sums Collatz chain
lengths and squares up to a limit.

Measures what an interpreter written in Python does all day: tuple unpacking, string
comparisons, list push/pop and dict access in one loop."""

SOURCE = """
    # collatz steps for n in 1..limit, summed
    push 0 store total
    push 1 store n
    label outer
      load n store x
      label inner
        load x push 1 eq jumpif next
        load x push 2 mod jumpif odd
        load x push 2 div store x jump count
        label odd
        load x push 3 mul push 1 add store x
        label count
        load total push 1 add store total
        jump inner
      label next
      load n push 1 add store n
      load n load limit gt jumpif done
      jump outer
    label done
    load total print
    # sum of squares
    push 0 store acc push 0 store i
    label sq
      load acc load i load i mul add store acc
      load i push 1 add store i
      load i load limit lt jumpif sq
    load acc print
"""


def tokenize(src):
    out = []
    for line in src.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.extend(line.split())
    return out


def compile_words(words):
    code, labels, fixups = [], {}, []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "label":
            labels[words[i + 1]] = len(code)
            i += 2
        elif w in ("push", "load", "store", "jump", "jumpif"):
            arg = words[i + 1]
            if w == "push":
                arg = int(arg)
            elif w in ("jump", "jumpif"):
                fixups.append(len(code))
            code.append((w, arg))
            i += 2
        else:
            code.append((w, None))
            i += 1
    for at in fixups:
        op, name = code[at]
        code[at] = (op, labels[name])
    return code


def run(code, env):
    stack = []
    out = []
    pc = 0
    end = len(code)
    while pc < end:
        op, arg = code[pc]
        pc += 1
        if op == "push":
            stack.append(arg)
        elif op == "load":
            stack.append(env[arg])
        elif op == "store":
            env[arg] = stack.pop()
        elif op == "add":
            b = stack.pop()
            stack[-1] += b
        elif op == "mul":
            b = stack.pop()
            stack[-1] *= b
        elif op == "div":
            b = stack.pop()
            stack[-1] //= b
        elif op == "mod":
            b = stack.pop()
            stack[-1] %= b
        elif op == "eq":
            b = stack.pop()
            stack[-1] = 1 if stack[-1] == b else 0
        elif op == "lt":
            b = stack.pop()
            stack[-1] = 1 if stack[-1] < b else 0
        elif op == "gt":
            b = stack.pop()
            stack[-1] = 1 if stack[-1] > b else 0
        elif op == "jump":
            pc = arg
        elif op == "jumpif":
            if stack.pop():
                pc = arg
        elif op == "print":
            out.append(stack.pop())
        else:
            raise ValueError("bad opcode %r" % op)
    return out


def main():
    code = compile_words(tokenize(SOURCE))
    results = []
    for limit in (1500, 2000, 2500):
        results.extend(run(code, {"limit": limit}))
    print("interp", len(code), results)


main()
