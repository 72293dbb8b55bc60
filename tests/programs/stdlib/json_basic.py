import json
data = {"name": "taipan", "nums": [1, 2.5, None, True], "nested": {"k": "é"}}
s = json.dumps(data)
print(s)
print(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
print(json.loads(s) == data, json.loads('[1, "a", {"b": null}]'))
try:
    json.loads("{bad}")
except json.JSONDecodeError as e:
    print(e)
