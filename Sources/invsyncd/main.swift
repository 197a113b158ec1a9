// invsyncd
print("invsyncd")
