#!/usr/bin/env python3
"""Writes cases.txt: Terraform expressions, one per line, that the
differential test (analyzer/eval/terraform_differential_test.cpp) evaluates
with both `terraform console` and ecslint's evaluator.

Expressions are constant (no references), cover every supported function and
operator, and include calls that Terraform rejects, so errors are compared
too. Run: python3 gen_cases.py > cases.txt
"""

import itertools


def q(s):
    """An HCL quoted string literal (no interpolation)."""
    out = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"' + out.replace("${", "$${").replace("%{", "%%{") + '"'


NUMBERS = ["0", "1", "-1", "2.5", "1e3", "0.1", "1/3", "10/4", "7 % 3", "-7 % 3", "5.5 % 2", "1/0",
           "0/0", "2*3+4", "(2+3)*4", "1e21", "123456789012", "-0.5"]
STRINGS = ["", "a", "Hello, World", "héllo wörld", "<tag>&amp;", "tab\there", "line\nbreak",
           'quote"d', "back\\slash", "\u2028sep", "emoji 😀"]
COLLECTIONS = ["[]", "{}", "[1, 2, 3]", '["b", "a", "c"]', "{a = 1, b = \"x\"}", "{b = [1, {c = null}], a = true}",
               '[1, "a", true, null]', "{\"k-1\" = 1, \"K\" = 2, \"_\" = 3}"]


def operators():
    yield from NUMBERS
    for s in STRINGS:
        yield q(s)
    yield from COLLECTIONS
    for a, b in itertools.product(["1", "\"1\"", "\"5\"", "true", "null", "[1]"], repeat=2):
        yield f"{a} == {b}"
    for a, b in itertools.product(["\"5\"", "2", "\"x\"", "true"], ["1", "\"3\""]):
        yield f"{a} + {b}"
        yield f"{a} < {b}"
    for a, b in itertools.product(["true", "false", "\"true\"", "\"no\""], repeat=2):
        yield f"{a} && {b}"
        yield f"{a} || {b}"
    yield from ["!true", "!\"false\"", "-\"3\"", "-true", "1 + 2 * 3 - 4 / 2", "2 > 1 && 3 >= 3",
                "true ? 1 : 2", "false ? 1 : \"a\"", "true ? [1] : {a = 1}", "null ? 1 : 2", "\"true\" ? 1 : 2",
                "\"a-${1 + 1}-b\"", "\"${true}\"", "\"x${null}\"", "\"x${[1]}\"", "\"${[1, 2]}\"",
                "\"%{if true}yes%{else}no%{endif}\"", "\"%{for i, s in [\"a\", \"b\"]}${i}=${s};%{endfor}\"",
                "\"a %{~ if true ~} b %{~ endif ~} c\"",
                "[1, 2, 3][1]", "[1, 2, 3][\"1\"]", "[1, 2, 3][3]", "[1, 2][-1]", "[1, 2][0.5]",
                "{a = 1}.a", "{a = 1}.b", "{a = 1}[\"a\"]", "null.a", "\"s\".a", "[{a = 1}, {a = 2}][*].a",
                "[{a = 1}, {a = 2}].*.a", "{a = 1}[*].a", "null[*]", "[[1, 2], [3]][*][0]",
                "[for x in [1, 2, 3] : x * x]", "[for i, x in [\"a\", \"b\"] : \"${i}${x}\"]",
                "[for x in [1, 2, 3, 4] : x if x > 2]", "{for k, v in {a = 1, b = 2} : v => k}",
                "{for s in [\"aa\", \"ab\", \"b\"] : substr(s, 0, 1) => s...}", "{for s in [\"a\", \"a\"] : s => 1}",
                "[for x in null : x]", "[for x in 5 : x]", "{for k, v in {a = 1} : k => v if v > 0}",
                "[for k, v in {b = 1, a = 2} : \"${k}=${v}\"]", "{for x in [1, 2] : x => x}",
                "{b = 1, a = 2}", "{(\"x\") = 1}", "{1 = \"one\"}", "{true = 1}", "{(null) = 1}",
                "max([1, 9, 3]...)", "concat([1], [[2], [3]]...)", "max(1...)"]


def functions():
    # strings
    for s in STRINGS:
        yield f"upper({q(s)})"
        yield f"lower({q(s)})"
        yield f"length({q(s)})"
        yield f"jsonencode({q(s)})"
        yield f"base64encode({q(s)})"
        yield f"format(\"%q\", {q(s)})"
        yield f"title({q(s)})"
        yield f"strrev({q(s)})"
    yield from [
        'join(",", ["a", "b"], ["c"])', 'join("", [])', 'join(",", [1, true])', 'join(",", [null])',
        'split(",", "a,,b")', 'split(",", "")', 'split("", "abc")', 'split("::", "a::b::")',
        'replace("a-b-c", "-", "_")', 'replace("hello world", "/o(\\\\w)?/", "[$1]")',
        'replace("abc", "/(?P<x>b)/", "$${x}$${x}")', 'replace("aaa", "/a*/", "X")', 'replace("abc", "", "-")',
        'replace("abc", "/b/", "$$")', 'replace("abc", "/(b)/", "$1x")', 'replace("2019-02", "/(\\\\d+)-(\\\\d+)/", "$2/$1")',
        'title("hello big-world_x y")', 'trimspace("  a b \\n")', 'trim("?!a?!", "!?")', 'trim("aaa", "a")',
        'trimprefix("helloworld", "hello")', 'trimprefix("hello", "x")', 'trimsuffix("helloworld", "world")',
        'substr("hello world", 1, 4)', 'substr("hello", -3, -1)', 'substr("hello", 0, 10)', 'substr("hello", 10, 1)',
        'substr("héllo", 1, 2)', 'substr("hello", 5, 1)', 'substr("hello", -6, 1)', 'substr("", 0, 0)',
        'startswith("hello", "he")', 'startswith("hello", "")', 'endswith("hello", "lo")', 'strcontains("hello", "ell")',
        'chomp("a\\n\\n")', 'chomp("a\\r\\n")', 'indent(2, "a\\nb\\n")', 'strrev("abc")',
        'regex("[a-z]+", "53453453.345345aaabbbccc23454")', 'regex("(\\\\d\\\\d\\\\d\\\\d)-(\\\\d\\\\d)-(\\\\d\\\\d)", "2019-02-01")',
        'regex("(?P<y>\\\\d+)-(?P<m>\\\\d+)", "2019-02")', 'regexall("[a-z]+", "1234abcd5678efgh9")',
        'regex("x", "abc")', 'regex("(a)|(b)", "b")', 'regexall("a*", "baaab")', 'regex("^$", "")',
        'regex("(?P<a>x)(y)", "xy")', 'regex("[", "x")', 'regexall("(\\\\w+)=(\\\\w+)", "a=1, b=2")',
        'regex("a$", "a\\n")', 'regex("(?i)HELLO", "hello")', 'regex("\\\\d+", "x١٢3")',
        'base64encode("Hello World")', 'base64decode("SGVsbG8=")', 'base64decode("SGVsbG8")', 'base64decode("!!")',
        'base64decode(base64encode("héllo"))', 'urlencode("a b&c=d/é")',
    ]
    # format
    fmts = [('"%s-%d"', '"a", 5'), ('"%.2f"', "3.14159"), ('"%5s|%-5s|"', '"ab", "cd"'), ('"%05d"', "-42"),
            ('"%+d"', "5"), ('"%x %X %o %b"', "255, 255, 8, 5"), ('"%e"', "1234.5678"), ('"%g"', "1234567"),
            ('"%g"', "0.00001234"), ('"%g"', "100"), ('"%.3g"', "3.14159"), ('"%E"', "0.5"), ('"%10.3f|"', "3.14159"),
            ('"%-10.3f|"', "3.14159"), ('"%v"', "[1, \"a\"]"), ('"%v"', "{a = 1}"), ('"%#v"', '"s"'), ('"%#v"', "1"),
            ('"%v %v %v"', '"s", 1.5, true'), ('"%t"', "true"), ('"%t"', '"true"'), ('"%t"', "1"), ('"%%"', ""),
            ('"%[2]s %[1]s"', '"a", "b"'), ('"%d"', "1.5"), ('"%d"', '"12"'), ('"%s %s"', '"a"'), ('"%s"', '"a", "b"'),
            ('"%s"', "null"), ('"%v"', "null"), ('"%s"', "[1]"), ('"%q"', "5"), ('"%.1s"', '"héllo"'),
            ('"%5.1f%%"', "99.44"), ('"%y"', "1"), ('"%d"', "12345678901"), ('"% d"', "5"), ('"%#x"', "255"),
            ('"%s"', "true"), ('"%f"', "1e3"), ('"%.0f"', "2.5"), ('"%.0f"', "3.5"), ('"%3c"', "65")]
    for f, a in fmts:
        yield f"format({f}, {a})" if a else f"format({f})"
    yield from ['formatlist("%s=%s", ["a", "b"], "x")', 'formatlist("%s-%s", ["a", "b"], ["c", "d"])',
                'formatlist("%s", ["a"], ["b", "c"])', 'formatlist("x")', 'formatlist("%d", [])']
    # collections
    yield from [
        "concat([1], [2, 3], [])", "concat()", "concat([1], 2)", "concat([1], null)",
        "merge({a = 1, b = 2}, {b = 3}, null)", "merge()", "merge({a = 1}, [1])", "merge({a = {x = 1}}, {a = {y = 2}})",
        'lookup({a = 1}, "a")', 'lookup({a = 1}, "b", 0)', 'lookup({a = 1}, "b")', 'lookup({a = "x"}, "b", null)',
        'element(["a", "b"], 3)', "element([], 0)", 'element(["a"], -1)', 'element(["a", "b"], -2)', 'element(["a", "b", "c"], -1)', 'element(["a", "b"], 1.9)',
        "length([1, 2])", "length({a = 1})", "length(null)", "length(5)", "length(\"😀😀\")",
        "keys({b = 1, a = 2})", "values({b = 1, a = 2})", "keys([1])", "keys({})",
        'contains(["a"], "a")', 'contains([1], "1")', "contains([[1]], [1])", "contains({a = 1}, 1)",
        "distinct([1, 2, 1, 3])", 'distinct(["b", "a", "b"])', "distinct([])",
        "flatten([[1], [[2, 3]], 4])", "flatten([])", "flatten([[], [null]])", "flatten(1)",
        'zipmap(["a", "b"], [1, 2])', 'zipmap(["a"], [1, 2])', 'zipmap(["a", "a"], [1, 2])', "zipmap([], [])",
        'coalesce("", "b")', "coalesce(null, 1, 2)", 'coalesce(1, "a")', 'coalesce("", null)', 'coalesce(null, "")',
        "coalescelist([], [1])", "coalescelist([], [])", "coalescelist(null, [2])",
        "tostring(1)", "tostring(true)", "tostring(null)", "tostring([1])", 'tostring("x")', "tostring(1.50)",
        'tonumber("2.5")', 'tonumber("x")', "tonumber(null)", "tonumber(true)", 'tonumber("1e2")', 'tonumber(" 1")',
        'tonumber("0x10")', 'tonumber("-5")', 'tonumber("+5")',
        'tobool("true")', "tobool(1)", "tobool(null)", 'tobool("yes")',
        'tolist([1, "a"])', "tolist([1, [2]])", "tolist({a = 1})", 'toset(["b", "a", "b"])', "toset([3, 1, 2, 1])",
        'toset([1, "a"])', "toset([true, false])", 'tomap({a = 1, b = "x"})', "tomap({a = 1, b = [1]})", "tomap([1])",
        "reverse([1, 2, 3])", "reverse([])", 'sort(["b", "a", "10", "9"])', "sort([3, 20, 1])", "sort([])",
        'sort(["é", "e", "z", "B"])',
        "slice([1, 2, 3, 4], 1, 3)", "slice([1, 2], 0, 0)", "slice([1, 2], 1, 5)", "slice([1, 2], 2, 1)",
        "one([])", "one([5])", "one([1, 2])", "one(null)",
        'index(["a", "b"], "b")', 'index(["a"], "z")', "index([1, 2], 2)",
        "chunklist([1, 2, 3], 2)", "chunklist([1, 2], 0)", "chunklist([], 3)", "chunklist([1], -1)",
        'compact(["a", "", null, "b"])', "compact([])", "compact([1, 2])",
        'setunion(["b"], ["a", "b"])', "setunion([1, 2], [2, 10])", "setintersection([1, 2], [2, 3])",
        "setintersection([1], [])", "setsubtract([1, 2, 3], [2])", 'setsubtract(["a", "b"], ["c"])',
        'alltrue([true, "true"])', "anytrue([])", "alltrue([])", "anytrue([false, true])", "alltrue([1])",
        "range(3)", "range(1, 4)", "range(4, 1)", "range(0, 10, 4)", "range(0)", "range(1, 1)", "range(0, 1, 0.25)",
        "range(0, 5, -1)", "range(2000)", "range(-3)", "range(10, 0, -3)",
        "min(3, 1, 2)", 'max("3", 10)', "min()", "max(1)", "min(-1.5, 2)",
        "abs(-2)", "abs(0)", "ceil(1.2)", "ceil(-1.2)", "floor(-1.2)", "floor(5)", "signum(-3)", "signum(0)",
        "sum([1, 2.5])", "sum([])", 'sum(["1", 2])', "sum(1)", 'parseint("ff", 16)', 'parseint("-101", 2)',
        'parseint("zz", 36)', 'parseint("12", 1)', 'parseint("1.5", 10)', "pow(2, 10)", "pow(2, 0.5)", "log(8, 2)",
    ]
    # encodings
    for c in COLLECTIONS + ["1", "1.5", "true", "null", '"s"', "1e21", "0.000001", "{a = [{b = \"<&>\"}]}"]:
        yield f"jsonencode({c})"
        yield f"yamlencode({c})"
    yield from [
        'jsondecode("{\\"b\\":[1,{\\"c\\":null}],\\"a\\":\\"x\\"}")', 'jsondecode("[1")', 'jsondecode("")',
        'jsondecode("1.50")', 'jsondecode("\\"\\\\u003c\\"")', 'jsondecode("{\\"a\\":1,\\"a\\":2}")',
        "jsondecode(jsonencode({a = [1, 2]}))", 'jsondecode("tru")', 'jsondecode("  [ ]  ")',
        'yamlencode("multi\\nline")', 'yamlencode({a = "x: y"})', 'yamlencode([[1, 2], [3]])',
        'yamlencode({"key with space" = 1})', 'yamlencode("")', 'yamlencode("true")', 'yamlencode("1")',
        'yamlencode({a = {b = {c = 1}}})', 'yamlencode([{a = 1, b = 2}])',
    ]
    # networks
    yield from [
        'cidrsubnet("10.0.0.0/16", 8, 2)', 'cidrsubnet("172.16.0.0/12", 4, 2)', 'cidrsubnet("10.1.2.3/16", 8, 255)',
        'cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'cidrsubnet("10.0.0.0/16", 8, 256)',
        'cidrsubnet("10.0.0.0/30", 4, 0)', 'cidrsubnet("10.0.0.0/16", 0, 0)', 'cidrsubnet("nope", 1, 1)',
        'cidrsubnet("10.0.0.0/8", 16, 65535)', 'cidrsubnet("::/0", 64, 1)',
        'cidrhost("10.12.112.0/20", 16)', 'cidrhost("10.12.112.0/20", -1)', 'cidrhost("10.12.112.0/20", 4096)',
        'cidrhost("10.12.112.0/20", -4096)', 'cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)',
        'cidrhost("10.0.0.0/32", 0)', 'cidrhost("2001:db8::/64", 1)',
        'cidrnetmask("172.16.0.0/12")', 'cidrnetmask("10.0.0.0/32")', 'cidrnetmask("0.0.0.0/0")',
        'cidrnetmask("2001:db8::/32")',
        'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)', 'cidrsubnets("10.0.0.0/24", 1, 1, 1)', 'cidrsubnets("10.0.0.0/8")',
        'cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)', 'cidrsubnets("10.0.0.0/24", 2, 1, 2)',
    ]
    # shapes ECS configurations use
    yield from [
        'jsonencode([for k, v in merge({A = "1", B = "2"}, {B = "3"}) : {name = k, value = v}])',
        'jsonencode([{name = "web", portMappings = [for p in [80, 443] : {containerPort = p, protocol = "tcp"}]}])',
        'jsonencode({for i, s in ["a", "b"] : s => i})', 'jsonencode(flatten([for s in ["a", "b"] : [for n in [1, 2] : "${s}${n}"]]))',
        'length(jsondecode(jsonencode([{a = 1}, {b = 2}])))', 'jsondecode(jsonencode({a = [1, "x"]})).a[1]',
        '[for x in [{n = "a", e = true}, {n = "b", e = false}] : x.n if x.e]', '{for x in [{n = "a"}, {n = "b"}] : x.n => x}',
        'format("arn:aws:secretsmanager:%s:%s:secret:%s", "eu-west-1", "123456789012", "db")',
        'join("", [for c in ["a", "b"] : upper(c)])', 'lookup({cpu = 256}, "memory", 512) * 2',
        'cidrsubnet(cidrsubnet("10.0.0.0/16", 4, 1), 4, 3)', '[for i in range(3) : cidrsubnet("10.0.0.0/16", 8, i)]',
        'yamlencode({b = ["x\ny", "z"], a = {c = "d\n"}})', 'yamlencode(["a\n\n"])',
        'yamlencode({"a b" = {}, c = []})', 'yamlencode("tab\there")', 'yamlencode("<&>")', 'yamlencode(-1)',
        '"${1.0}"', '"${1e3}"', '"${-0}"', '"${0.1 + 0.2}"', 'jsonencode(0.1 + 0.2)', 'jsonencode(1 - 0.9)',
        'jsonencode(100 * 1.1)', 'jsonencode(3 * 0.1)', '2 * 1024 / 4', '1e300 * 1e10', 'jsonencode(1e-7)',
        '{a = 1}["b"]', '[1, 2, 3][1.5]', '{a = {b = [10, 20]}}.a.b[1]', 'tolist([])[0]',
        'can([1][5])', 'try([1][5], "fallback")', 'try(null.a, "n")', 'can({}.x)',
        'true ? null : 1', 'false ? [] : [1]', 'true ? {} : {a = 1}', '(1 > 0) == true', '!(1 == 1)',
        '"a" == "a" && 1 != 2 || false', 'sort(keys({z = 1, a = 2, m = 3}))', 'values(zipmap(["b", "a"], [1, 2]))',
        'distinct(concat(["a", "b"], ["b", "c"]))', 'element(concat(["x"], ["y"]), 3)', 'slice(range(10), 2, 5)',
        'length(regexall("o", "foo boo"))', 'regex("^arn:aws:([a-z]+):", "arn:aws:iam::1:role/x")',
        'regex("^(?:arn:aws:)?(\\w+)", "arn:aws:ecs")', 'replace("a.b.c", ".", "-")', 'replace("A1B2", "/[0-9]/", "")',
        'split("/", "arn:aws:iam::123:role/path/name")[2]', 'trimsuffix("task.json", ".json")',
        'upper(substr("service-name", 0, 1))', 'format("%-8s|%8s|", "left", "right")', 'format("%08.3f", -3.14159)',
        'format("%+.2e", 12345.678)', 'format("%x", -255)', 'format("%c", 65)', 'format("%5t|", true)',
        'formatlist("%s:%d", ["a", "b"], [1, 2])', 'sum(range(1, 101))', 'max(range(5)...)', 'min([]...)',
    ]
    # try, can, sensitivity
    yield from ['try(tonumber("x"), 5)', 'can(tonumber("x"))', 'can(tonumber("1"))', 'try({a = 1}.b, "default")',
                "try([1][3], [2][0])", 'try(tonumber("x"))', "[1, element([], 0)]", "nonsensitive(1)",
                "upper()", 'upper("a", "b")', "no_such_function(1)", 'issensitive("x")']


def main():
    seen = set()
    for expr in itertools.chain(operators(), functions()):
        if expr not in seen and "\n" not in expr:
            seen.add(expr)
            print(expr)


if __name__ == "__main__":
    main()
