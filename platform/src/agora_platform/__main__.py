from agora_platform.supervisor import main

main()
