def main():
    print("Running as script")
if __name__ == "__main__":
    main()
else:
    print("imported")
