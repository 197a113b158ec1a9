// invsyncctl
print("invsyncctl")
