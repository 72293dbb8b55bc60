printt("hello")
