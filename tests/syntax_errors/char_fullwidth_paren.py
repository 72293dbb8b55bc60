print（'a'）
